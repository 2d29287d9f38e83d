using System.Security.Cryptography;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Verifier.Tests.Support;

/// <summary>
/// A did:web host that accepts every connection and never answers (until it is stopped): the issuer
/// of credentials whose keys cannot be resolved. Counts the requests it received.
/// </summary>
public sealed class HangingDidWebHost : IAsyncDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private WebApplication? _app;
    private int _requests;

    public int Port { get; private set; }

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>A did:web DID on this host (<paramref name="path"/> makes several issuers on one host).</summary>
    public string Did(string path) => $"did:web:127.0.0.1%3A{Port}:{path}";

    public static async Task<HangingDidWebHost> StartAsync()
    {
        var host = new HangingDidWebHost();
        host._app = await TestServiceHost.OnFreePortAsync(async port =>
        {
            host.Port = port;
            var builder = WebApplication.CreateBuilder();
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
            builder.WebHost.UseShutdownTimeout(TimeSpan.FromSeconds(1));
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var stopping = app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            app.Run(async context =>
            {
                Interlocked.Increment(ref host._requests);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
                try
                {
                    await Task.Delay(Timeout.Infinite, linked.Token);
                }
                catch (OperationCanceledException)
                {
                    // The caller gave up or the host stops: the only ways this request ends.
                }
            });
            try
            {
                await app.StartAsync();
                return app;
            }
            catch
            {
                await app.DisposeAsync();
                throw;
            }
        });
        return host;
    }

    /// <summary>A VC-JWT naming <paramref name="issuerDid"/> (its key is never reachable).</summary>
    public string IssueVcJwt(string issuerDid, TestWallet holder)
    {
        ArgumentNullException.ThrowIfNull(holder);
        var subject = Queries.LegalPersonSubject();
        subject["id"] = holder.Did;
        var payload = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = new JsonArray("VerifiableCredential", "LegalPerson"),
            ["id"] = "urn:uuid:" + Guid.NewGuid(),
            ["issuer"] = issuerDid,
            ["validFrom"] = DateTimeOffset.UtcNow.AddDays(-1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ["credentialSubject"] = subject,
            ["cnf"] = new JsonObject { ["jwk"] = holder.HolderJwk },
            ["iat"] = Jose.Now(),
        };
        return Jose.SignEs256(new JsonObject { ["typ"] = "vc+jwt", ["cty"] = "vc", ["kid"] = issuerDid + "#key-1" }, payload, _key);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        _key.Dispose();
    }
}
