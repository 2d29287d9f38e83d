using System.Net;
using System.Net.Sockets;
using GaiaX.Oid4vc.ServiceDefaults;
using Microsoft.AspNetCore.Builder;

namespace GaiaX.Oid4vc.Testing;

/// <summary>
/// Runs one of our services in-process on a free loopback port with Kestrel, so tests talk to it
/// over real HTTP, the way a wallet or another party would.
/// </summary>
public sealed class TestServiceHost : IAsyncDisposable
{
    private TestServiceHost(WebApplication app, Uri baseUrl)
    {
        App = app;
        BaseUrl = baseUrl;
        Client = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    public WebApplication App { get; }

    public Uri BaseUrl { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => App.Services;

    /// <summary>
    /// Creates and starts a service. <paramref name="create"/> is the service's
    /// <c>XxxProgram.Create</c>; <paramref name="section"/> its configuration section, whose
    /// <c>PublicBaseUrl</c> is set to the address it listens on.
    /// </summary>
    public static async Task<TestServiceHost> StartAsync(
        Func<string[], Action<WebApplicationBuilder>, WebApplication> create,
        string section,
        IEnumerable<string>? args = null,
        Action<WebApplicationBuilder>? configure = null,
        Action<WebApplication>? beforeStart = null
    )
    {
        ArgumentNullException.ThrowIfNull(create);
        return await OnFreePortAsync(async port =>
            {
                var baseUrl = new Uri($"http://127.0.0.1:{port}");
                var allArgs = new List<string>
                {
                    $"--urls={baseUrl.ToString().TrimEnd('/')}",
                    $"--{section}:PublicBaseUrl={baseUrl.ToString().TrimEnd('/')}",
                    "--Logging:LogLevel:Default=Warning",
                };
                allArgs.AddRange(args ?? []);
                var app = create(allArgs.ToArray(), builder =>
                {
                    builder.Services.UseEmbeddedLifetime();
                    configure?.Invoke(builder);
                });
                beforeStart?.Invoke(app);
                try
                {
                    await app.StartAsync().ConfigureAwait(false);
                    return new TestServiceHost(app, baseUrl);
                }
                catch
                {
                    await app.DisposeAsync().ConfigureAwait(false);
                    throw;
                }
            })
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Starts something on a free loopback port, probing another port when the one probed was taken
    /// before <paramref name="start"/> could bind it (test projects run in parallel, and outgoing
    /// connections draw from the same ephemeral range).
    /// </summary>
    public static async Task<T> OnFreePortAsync<T>(Func<int, Task<T>> start)
    {
        ArgumentNullException.ThrowIfNull(start);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await start(FreePort()).ConfigureAwait(false);
            }
            catch (Exception failure) when (attempt < 5 && IsAddressInUse(failure)) { }
        }
    }

    private static bool IsAddressInUse(Exception? failure)
    {
        for (; failure is not null; failure = failure.InnerException)
        {
            // Kestrel's bind failure wraps the socket's; redis-server only says so in its output.
            if (
                failure is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse }
                || failure.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase)
            )
            {
                return true;
            }
        }
        return false;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private int _disposed;

    /// <summary>Disposed after the host (e.g. the Dapr test environment that exists for this host only).</summary>
    public IAsyncDisposable? DisposeWith { get; set; }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        Client.Dispose();
        await App.StopAsync().ConfigureAwait(false);
        await App.DisposeAsync().ConfigureAwait(false);
        if (DisposeWith is { } owner)
        {
            await owner.DisposeAsync().ConfigureAwait(false);
        }
    }
}
