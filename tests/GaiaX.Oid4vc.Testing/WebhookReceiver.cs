using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.DependencyInjection;

namespace GaiaX.Oid4vc.Testing;

/// <summary>
/// A relying party's or issuer back end's webhook endpoint: a real HTTP server on loopback that keeps every
/// call and answers 503 to its first <c>failures</c> calls, 204 afterwards.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public ConcurrentQueue<ReceivedWebhook> Calls { get; } = new();

    /// <summary>
    /// Starts the receiver. Its first <paramref name="failures"/> calls get 503 (with <c>Retry-After</c> of
    /// <paramref name="retryAfterSeconds"/> when given); with <paramref name="endlessBody"/> a success answer
    /// sends its headers and then a body that never ends, as a hostile receiver could.
    /// </summary>
    public static async Task<WebhookReceiver> StartAsync(int failures = 0, int? retryAfterSeconds = null, bool endlessBody = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        var count = 0;
        app.MapPost("/hook", async (HttpContext http) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            var headers = new HeaderDictionary(
                http.Request.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase)
            );
            receiver!.Calls.Enqueue(
                new ReceivedWebhook(http.Request.Method, new Uri(http.Request.GetEncodedUrl()), headers, body.ToArray())
            );
            if (Interlocked.Increment(ref count) <= failures)
            {
                if (retryAfterSeconds is { } seconds)
                {
                    http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                return Results.StatusCode(503);
            }
            if (endlessBody)
            {
                http.Response.StatusCode = 200;
                await http.Response.StartAsync(http.RequestAborted);
                var chunk = new byte[64 * 1024];
                while (!http.RequestAborted.IsCancellationRequested)
                {
                    await http.Response.Body.WriteAsync(chunk, http.RequestAborted);
                }
                return Results.Empty;
            }
            return Results.NoContent();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver = new WebhookReceiver(app, new Uri(new Uri(address), "/hook"));
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
