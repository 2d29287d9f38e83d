using System.Net;
using System.Net.Sockets;
using GaiaX.Oid4vc.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

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
        Action<WebApplication>? beforeStart = null)
    {
        ArgumentNullException.ThrowIfNull(create);
        for (var attempt = 1; ; attempt++)
        {
            var baseUrl = new Uri($"http://127.0.0.1:{FreePort()}");
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
            catch (IOException) when (attempt < 5)
            {
                // The free port was taken between probing and binding (test projects run in
                // parallel): take another one.
                await app.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private int _disposed;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        Client.Dispose();
        await App.StopAsync().ConfigureAwait(false);
        await App.DisposeAsync().ConfigureAwait(false);
    }
}
