using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GaiaX.Oid4vc.Dapr.Hosting;
using Grpc.AspNetCore.Server.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace GaiaX.Oid4vc.Dapr.Embedded;

/// <summary>
/// The sidecar of one app: an in-process gRPC server speaking the part of
/// <c>dapr.proto.runtime.v1.Dapr</c> the services use, and the worker that delivers the app's events
/// to the routes it lists at <c>GET /dapr/subscribe</c>.
/// </summary>
public sealed partial class EmbeddedDaprSidecar : IAsyncDisposable
{
    private readonly EmbeddedDaprBroker _broker;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly SemaphoreSlim _slots;
    private readonly HttpClient _http;
    private WebApplication? _server;
    private Task? _worker;
    private Uri? _appBaseUrl;
    private readonly EmbeddedSidecarSettings _settings;
    private int _disposed;

    internal EmbeddedDaprSidecar(EmbeddedDaprBroker broker, string appId, EmbeddedSidecarSettings settings)
    {
        _broker = broker;
        _settings = settings;
        AppId = appId;
        AppApiToken = settings.AppApiToken ?? Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        _logger = broker.Options.LoggerFactory.CreateLogger<EmbeddedDaprSidecar>();
        _slots = new SemaphoreSlim(broker.Options.MaxConcurrentDeliveries);
        // The trace context is set explicitly from the published event; the handler must not add its own.
        _http = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null, ConnectTimeout = TimeSpan.FromSeconds(5) })
        {
            Timeout = broker.Options.DeliveryTimeout,
        };
    }

    public string AppId { get; }

    /// <summary>
    /// The app token this sidecar sends in <c>dapr-api-token</c> with every request to its app (what daprd
    /// sends when <c>APP_API_TOKEN</c> is set): give it to the app as <c>Dapr:AppApiToken</c>. Unless the
    /// settings name one, a fresh random value per sidecar, so a test or a DevHost process never shares one.
    /// </summary>
    public string AppApiToken { get; }

    /// <summary>The gRPC endpoint to give the app as <c>Dapr:GrpcEndpoint</c> (what daprd's <c>DAPR_GRPC_ENDPOINT</c> would be).</summary>
    public Uri GrpcEndpoint { get; private set; } = null!;

    /// <summary>The HTTP endpoint (<c>Dapr:HttpEndpoint</c>); it serves only the health probes <c>/v1.0/healthz</c> and
    /// <c>/v1.0/healthz/outbound</c>.</summary>
    public Uri HttpEndpoint { get; private set; } = null!;

    /// <summary>The subscriptions read from the app at <see cref="AttachAppAsync"/>.</summary>
    public IReadOnlyList<EmbeddedSubscription> Subscriptions { get; private set; } = [];

    internal EmbeddedDaprBroker Broker => _broker;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _calls = new(StringComparer.Ordinal);

    /// <summary>
    /// The calls this sidecar has answered so far, by gRPC method name (<c>SaveState</c>, <c>ExecuteStateTransaction</c>,
    /// …): an app's round trips per request, as daprd's <c>dapr_grpc_io_server_completed_rpcs</c> metric counts them.
    /// </summary>
    public IReadOnlyDictionary<string, long> Calls => new Dictionary<string, long>(_calls, StringComparer.Ordinal);

    internal void Count(string method) => _calls.AddOrUpdate(method[(method.LastIndexOf('/') + 1)..], 1, static (_, count) => count + 1);

    internal async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(
            new WebApplicationOptions
            {
                ApplicationName = typeof(EmbeddedDaprSidecar).Assembly.GetName().Name,
                EnvironmentName = "Production",
            }
        );
        builder.Logging.ClearProviders();
        ListenOptions? grpc = null,
            http = null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, _settings.GrpcPort, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                grpc = listen;
            });
            kestrel.Listen(IPAddress.Loopback, _settings.HttpPort, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                http = listen;
            });
        });
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = 16 * 1024 * 1024;
            if (_settings.ApiToken is { Length: > 0 } apiToken)
            {
                grpc.Interceptors.Add<ApiTokenInterceptor>(apiToken);
            }
            grpc.Interceptors.Add<StorageOutageInterceptor>();
            grpc.Interceptors.Add<CallCountingInterceptor>();
        });
        builder.Services.AddSingleton(this);
        builder.Services.AddSingleton<DaprRuntimeService>();
        builder.Services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IServiceMethodProvider<DaprRuntimeService>, DaprRuntimeMethodProvider>()
        );
        var app = builder.Build();
        app.MapGrpcService<DaprRuntimeService>();
        // The HTTP API's health probes (DaprClient.CheckHealthAsync / WaitForSidecarAsync use them).
        app.MapGet("/v1.0/healthz", () => Results.NoContent());
        app.MapGet("/v1.0/healthz/outbound", () => Results.NoContent());
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _server = app;
        GrpcEndpoint = new Uri($"http://127.0.0.1:{grpc!.IPEndPoint!.Port}");
        HttpEndpoint = new Uri($"http://127.0.0.1:{http!.IPEndPoint!.Port}");
    }

    /// <summary>
    /// Tells the sidecar where its app listens: reads the app's <c>GET /dapr/subscribe</c> (waiting up to
    /// <see cref="EmbeddedDaprOptions.AppStartTimeout"/> for the app to answer), records the
    /// subscriptions, puts back deliveries a previous sidecar left in flight and starts delivering.
    /// </summary>
    public async Task AttachAppAsync(Uri appBaseUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(appBaseUrl);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        _appBaseUrl = appBaseUrl;
        Subscriptions = await ReadSubscriptionsAsync(appBaseUrl, cancellationToken).ConfigureAwait(false);
        await _broker.Storage.SaveSubscriptionsAsync(AppId, Subscriptions).ConfigureAwait(false);
        await _broker.Storage.RequeueInFlightAsync(AppId).ConfigureAwait(false);
        if (_worker is null)
        {
            // Without the caller's ExecutionContext: deliveries must not inherit its Activity.
            using (ExecutionContext.SuppressFlow())
            {
                _worker = Task.Run(() => DeliverLoopAsync(_stopping.Token), CancellationToken.None);
            }
        }
        SignalDeliveries();
    }

    private async Task<IReadOnlyList<EmbeddedSubscription>> ReadSubscriptionsAsync(Uri appBaseUrl, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        timeout.CancelAfter(_broker.Options.AppStartTimeout);
        while (true)
        {
            try
            {
                using var subscribe = new HttpRequestMessage(HttpMethod.Get, new Uri(appBaseUrl, "/dapr/subscribe"));
                subscribe.Headers.TryAddWithoutValidation(DaprAppToken.HeaderName, AppApiToken);
                using var response = await _http.SendAsync(subscribe, timeout.Token).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    return [];
                }
                response.EnsureSuccessStatusCode();
                var listed = await response
                    .Content.ReadFromJsonAsync<List<ListedSubscription>>(JsonSerializerOptions.Web, timeout.Token)
                    .ConfigureAwait(false)
                    ?? [];
                return listed
                    .Select(s => new EmbeddedSubscription(
                        s.PubsubName ?? string.Empty,
                        s.Topic ?? string.Empty,
                        NormalizeRoute(s.Route ?? s.Routes?.Default),
                        string.IsNullOrEmpty(s.DeadLetterTopic) ? null : s.DeadLetterTopic
                    ))
                    .Where(s => s.Topic.Length > 0 && s.Route.Length > 0)
                    .ToList();
            }
            catch (HttpRequestException) when (!timeout.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token).ConfigureAwait(false);
            }
        }
    }

    private static string NormalizeRoute(string? route) =>
        string.IsNullOrEmpty(route) ? string.Empty
        : route.StartsWith('/') ? route
        : "/" + route;

    internal void SignalDeliveries()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled: the worker will look at the queue anyway.
            }
        }
    }

    private async Task RunDeliveriesAsync(CancellationToken stopping)
    {
        var inFlight = new List<Task>();
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                // Wake on a local publish, or poll (another process may share the Redis back end).
                await _signal.WaitAsync(TimeSpan.FromMilliseconds(500), stopping).ConfigureAwait(false);
                while (!stopping.IsCancellationRequested)
                {
                    await _slots.WaitAsync(stopping).ConfigureAwait(false);
                    PendingDelivery? delivery;
                    try
                    {
                        delivery = await _broker.Storage.TryDequeueAsync(AppId).ConfigureAwait(false);
                    }
                    catch
                    {
                        _slots.Release();
                        throw;
                    }
                    if (delivery is null)
                    {
                        _slots.Release();
                        break;
                    }
                    inFlight.RemoveAll(t => t.IsCompleted);
                    inFlight.Add(DeliverWithSlotAsync(delivery, stopping));
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested) { }
        await Task.WhenAll(inFlight).ConfigureAwait(false);
    }

    private async Task DeliverLoopAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await RunDeliveriesAsync(stopping).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The storage may be briefly unavailable (Redis restart): keep the worker alive.
            catch (Exception exception) when (!stopping.IsCancellationRequested)
#pragma warning restore CA1031
            {
                LogWorkerFailed(_logger, exception, AppId);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException) { }
            }
        }
    }

    private async Task DeliverWithSlotAsync(PendingDelivery delivery, CancellationToken stopping)
    {
        try
        {
            await DeliverAsync(delivery, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Left in flight: the next sidecar of this app puts it back in the queue.
        }
#pragma warning disable CA1031 // One broken delivery must not stop the worker; it stays in flight and is retried on restart.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogDeliveryFailed(_logger, exception, delivery.Topic, AppId);
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task DeliverAsync(PendingDelivery delivery, CancellationToken stopping)
    {
        var options = _broker.Options;
        var attempts = 0;
        while (true)
        {
            var outcome = await PostAsync(delivery, stopping).ConfigureAwait(false);
            switch (outcome)
            {
                case DeliveryOutcome.Success:
                    await _broker.Storage.CompleteAsync(delivery).ConfigureAwait(false);
                    return;
                case DeliveryOutcome.Drop:
                    LogDropped(_logger, delivery.Topic, AppId, delivery.Route);
                    await _broker.Storage.CompleteAsync(delivery).ConfigureAwait(false);
                    return;
                case DeliveryOutcome.Unreachable:
                    await Task.Delay(options.AppUnreachableRetryDelay, stopping).ConfigureAwait(false);
                    continue;
                default:
                    attempts++;
                    if (attempts >= options.MaxDeliveryAttempts)
                    {
                        var pubsub = Subscriptions.FirstOrDefault(s => s.Topic == delivery.Topic)?.PubsubName ?? DaprComponents.PubSub;
                        await _broker.DeadLetterAsync(delivery, pubsub).ConfigureAwait(false);
                        await _broker.Storage.CompleteAsync(delivery).ConfigureAwait(false);
                        return;
                    }
                    var delay = TimeSpan.FromTicks(
                        Math.Min(options.MaxRetryDelay.Ticks, options.InitialRetryDelay.Ticks << Math.Min(attempts - 1, 20))
                    );
                    await Task.Delay(delay, stopping).ConfigureAwait(false);
                    continue;
            }
        }
    }

    private async Task<DeliveryOutcome> PostAsync(PendingDelivery delivery, CancellationToken stopping)
    {
        var appBaseUrl = _appBaseUrl;
        if (appBaseUrl is null)
        {
            return DeliveryOutcome.Unreachable;
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(appBaseUrl, delivery.Route))
        {
            Content = new StringContent(delivery.CloudEvent, Encoding.UTF8, "application/cloudevents+json"),
        };
        request.Headers.TryAddWithoutValidation(DaprAppToken.HeaderName, AppApiToken);
        if (delivery.TraceParent is not null)
        {
            request.Headers.TryAddWithoutValidation("traceparent", delivery.TraceParent);
        }
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, stopping).ConfigureAwait(false);
        }
        catch (HttpRequestException exception) when (exception.HttpRequestError == HttpRequestError.ConnectionError)
        {
            return DeliveryOutcome.Unreachable;
        }
        catch (HttpRequestException)
        {
            return DeliveryOutcome.Retry;
        }
        catch (TaskCanceledException) when (!stopping.IsCancellationRequested)
        {
            return DeliveryOutcome.Retry; // the app did not answer within DeliveryTimeout
        }
        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return DeliveryOutcome.Drop;
            }
            if (!response.IsSuccessStatusCode)
            {
                return DeliveryOutcome.Retry;
            }
            var body = await response.Content.ReadAsStringAsync(stopping).ConfigureAwait(false);
            return StatusOf(body);
        }
    }

    /// <summary>
    /// daprd's reading of a 2xx answer: no body or SUCCESS → success, RETRY → retry, DROP → drop,
    /// anything else → retry.
    /// </summary>
    internal static DeliveryOutcome StatusOf(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return DeliveryOutcome.Success;
        }
        try
        {
            using var document = JsonDocument.Parse(body);
            if (
                document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("status", out var status)
                || status.ValueKind != JsonValueKind.String
            )
            {
                return DeliveryOutcome.Success;
            }
            return status.GetString()?.ToUpperInvariant() switch
            {
                "" or "SUCCESS" => DeliveryOutcome.Success,
                "DROP" => DeliveryOutcome.Drop,
                _ => DeliveryOutcome.Retry,
            };
        }
        catch (JsonException)
        {
            return DeliveryOutcome.Success; // a 2xx with a non-JSON body is a success for daprd too
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        _broker.Forget(this);
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_worker is not null)
        {
            await _worker.ConfigureAwait(false);
        }
        if (_server is not null)
        {
            await _server.StopAsync().ConfigureAwait(false);
            await _server.DisposeAsync().ConfigureAwait(false);
        }
        _http.Dispose();
        _stopping.Dispose();
        _signal.Dispose();
        _slots.Dispose();
    }

    internal enum DeliveryOutcome
    {
        Success,
        Retry,
        Drop,
        Unreachable,
    }

    private sealed record ListedSubscription(
        string? PubsubName,
        string? Topic,
        string? Route,
        ListedRoutes? Routes,
        string? DeadLetterTopic
    );

    private sealed record ListedRoutes(string? Default);

    [LoggerMessage(Level = LogLevel.Information, Message = "Event on topic {Topic} for app {AppId} dropped by {Route}.")]
    private static partial void LogDropped(ILogger logger, string topic, string appId, string route);

    [LoggerMessage(Level = LogLevel.Error, Message = "The delivery worker of app {AppId} failed; restarting it.")]
    private static partial void LogWorkerFailed(ILogger logger, Exception exception, string appId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivering an event on topic {Topic} to app {AppId} failed.")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, string topic, string appId);
}
