using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GaiaX.Oid4vc.Wallet.Participant;

/// <summary>
/// A participant's did:web home on loopback: serves <c>/.well-known/did.json</c> over plain HTTP on
/// 127.0.0.1 and a free port, for development and tests only (services resolve it with
/// <c>DidWeb:AllowHttpLoopback</c>). The port is known before the document, because the DID names it.
/// </summary>
public sealed class DidDocumentHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private string? _document;

    private DidDocumentHost(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public static async Task<DidDocumentHost> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        DidDocumentHost? host = null;
        app.MapGet("/.well-known/did.json", () =>
            host?._document is { } json ? Results.Text(json, "application/did+json") : Results.NotFound()
        );
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        host = new DidDocumentHost(app, new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/"));
        return host;
    }

    /// <summary>Publishes (or replaces) the DID document.</summary>
    public void Publish(string didDocumentJson) => _document = didDocumentJson;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
