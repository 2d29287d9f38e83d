using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using GaiaX.Oid4vc.Credentials.Keys;
using GaiaX.Oid4vc.Credentials.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.ServiceDefaults.Webhooks;

/// <summary>
/// Delivers status changes to the callback URLs parties registered: CloudEvents 1.0 in HTTP structured
/// mode, signed with the service's key (RFC 9421, <see cref="HttpMessageSignature"/>), through the
/// SSRF-guarded client, retried with exponential back-off on 5xx, 408, 429 and network errors
/// (honouring <c>Retry-After</c>). Delivery runs in the background from an in-process queue: a restart
/// loses undelivered events, and the status APIs stay the source of truth for polling.
/// </summary>
public sealed partial class WebhookDispatcher : BackgroundService, IWebhookSender
{
    public const string MediaType = "application/cloudevents+json";

    private readonly Channel<(WebhookEvent Event, string Id)> _queue = Channel.CreateBounded<(WebhookEvent, string)>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest }
    );

    // Resolved on first delivery: the identity is loaded on first use, so that a bad setting surfaces
    // through options validation at start rather than from this hosted service's constructor.
    private readonly Func<ServiceIdentity> _identity;
    private readonly WebhookOptions _options;
    private readonly SsrfGuard _guard;
    private readonly SemaphoreSlim _deliveries;
    private readonly HttpClient _http;
    private readonly Uri _source;
    private readonly TimeProvider _time;
    private readonly ILogger<WebhookDispatcher> _logger;

    public WebhookDispatcher(
        Func<ServiceIdentity> identity,
        IOptions<WebhookOptions> options,
        Uri source,
        TimeProvider time,
        ILogger<WebhookDispatcher> logger
    )
    {
        ArgumentNullException.ThrowIfNull(options);
        _identity = identity;
        _options = options.Value;
        var guard = new SsrfGuardOptions { AllowLoopback = _options.AllowLoopback };
        foreach (var network in _options.AllowedNetworks)
        {
            guard.AllowedNetworks.Add(network);
        }
        _guard = new SsrfGuard(guard);
        _deliveries = new SemaphoreSlim(Math.Max(1, _options.MaxConcurrentDeliveries));
        _http = GuardedHttpClient.Create(_guard, _options.AttemptTimeout);
        _source = source;
        _time = time;
        _logger = logger;
    }

    public void Enqueue(WebhookEvent webhook) => _queue.Writer.TryWrite((webhook, Guid.NewGuid().ToString("N")));

    public string? Check(string callbackUrl)
    {
        if (
            !Uri.TryCreate(callbackUrl, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("https" or "http")
            || uri.Fragment.Length > 0
            || uri.UserInfo.Length > 0
        )
        {
            // Credentials in the URL would be sent, and logged, with every delivery.
            return "must be an absolute https URL without a fragment or user information";
        }
        if (uri.Scheme == "http" && !_options.AllowLoopback)
        {
            return "must use https";
        }
        var host = uri.Host.Trim('[', ']');
        var literal = IPAddress.TryParse(host, out var address) ? address : null;
        if (uri.IsLoopback && !_options.AllowLoopback)
        {
            return "a loopback address is not allowed";
        }
        if (literal is not null && _guard.IsRefused(literal, uri.Port))
        {
            return "a private or special-purpose address is not allowed";
        }
        return null;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (webhook, id) in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            // Each event is delivered on its own, so one slow receiver does not hold up the others, but no more
            // than MaxConcurrentDeliveries at once: beyond that, events wait in the bounded queue.
            await _deliveries.WaitAsync(stoppingToken).ConfigureAwait(false);
            _ = Task.Run(
                async () =>
                {
                    try
                    {
                        await DeliverAsync(webhook, id, stoppingToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                    {
                        // Shutting down: the in-memory queue is lost, as documented.
                    }
                    catch (Exception failure) when (failure is not OperationCanceledException)
                    {
                        Abandoned(_logger, webhook.Type, webhook.Target.Host, failure.GetType().Name);
                    }
                    finally
                    {
                        _deliveries.Release();
                    }
                },
                CancellationToken.None
            );
        }
    }

    private async Task DeliverAsync(WebhookEvent webhook, string id, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(
            new JsonObject
            {
                ["specversion"] = "1.0",
                ["id"] = id,
                ["source"] = _source.AbsoluteUri.TrimEnd('/'),
                ["type"] = webhook.Type,
                ["subject"] = webhook.Subject,
                ["time"] = _time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["datacontenttype"] = "application/json",
                ["data"] = webhook.Data.DeepClone(),
            }.ToJsonString(JsonBodies.Options)
        );
        var delay = _options.InitialRetryDelay;
        for (var attempt = 1; attempt <= _options.MaxAttempts && !cancellationToken.IsCancellationRequested; attempt++)
        {
            TimeSpan? retryAfter = null;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Target) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(MediaType);
                HttpMessageSignature.Sign(
                    request,
                    body,
                    MediaType,
                    input => _identity().SigningKey.Sign(input),
                    _identity().KeyId,
                    _time.GetUtcNow()
                );
                // Only the status matters: the receiver's body is never read, so a receiver cannot make us buffer one.
                using var response = await _http
                    .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
                    .ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
                var status = (int)response.StatusCode;
                if (status is < 500 and not 408 and not 429)
                {
                    Abandoned(_logger, webhook.Type, webhook.Target.Host, $"the receiver answered {status}");
                    return;
                }
                retryAfter = response.Headers.RetryAfter?.Delta;
            }
            catch (Exception failure)
                when (failure is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                if (GuardedHttpClient.IsAddressRefusal(failure))
                {
                    Abandoned(_logger, webhook.Type, webhook.Target.Host, "its address is not allowed");
                    return;
                }
            }
            if (attempt < _options.MaxAttempts)
            {
                var wait = retryAfter is { } asked && asked > delay ? asked : delay;
                await Task.Delay(wait < _options.MaxRetryDelay ? wait : _options.MaxRetryDelay, _time, cancellationToken)
                    .ConfigureAwait(false);
                delay *= 2;
            }
        }
        Abandoned(_logger, webhook.Type, webhook.Target.Host, $"no attempt of {_options.MaxAttempts} succeeded");
    }

    public override void Dispose()
    {
        _http.Dispose();
        _deliveries.Dispose();
        base.Dispose();
    }

    [LoggerMessage(EventId = 7201, Level = LogLevel.Warning, Message = "Webhook {Type} to {Host} given up: {Reason}")]
    private static partial void Abandoned(ILogger logger, string type, string host, string reason);
}
