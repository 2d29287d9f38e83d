using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace GaiaX.Oid4vc.Dapr.Embedded;

/// <summary>
/// The shared part of the embedded Dapr runtime: one storage (state, subscriptions, delivery queues)
/// and the pub/sub fan-out. Each app talks to it through its own <see cref="EmbeddedDaprSidecar"/>
/// (one gRPC endpoint per app, so the sidecar knows the app id, as daprd does).
/// </summary>
public sealed partial class EmbeddedDaprBroker : IAsyncDisposable
{
    private readonly ConcurrentDictionary<EmbeddedDaprSidecar, byte> _sidecars = new();
    private readonly ILogger _logger;
    private readonly bool _ownsStorage;

    public EmbeddedDaprBroker(IEmbeddedStorage storage, EmbeddedDaprOptions? options = null, bool ownsStorage = true)
    {
        ArgumentNullException.ThrowIfNull(storage);
        Storage = storage;
        Options = options ?? new EmbeddedDaprOptions();
        _ownsStorage = ownsStorage;
        _logger = Options.LoggerFactory.CreateLogger<EmbeddedDaprBroker>();
    }

    public IEmbeddedStorage Storage { get; }

    public EmbeddedDaprOptions Options { get; }

    /// <summary>A broker keeping everything in memory.</summary>
    public static EmbeddedDaprBroker CreateInMemory(EmbeddedDaprOptions? options = null) => new(new InMemoryEmbeddedStorage(), options);

    /// <summary>A broker keeping state, subscriptions and pending deliveries in Redis.</summary>
    public static async Task<EmbeddedDaprBroker> ConnectRedisAsync(
        string connectionString,
        EmbeddedDaprOptions? options = null,
        string keyPrefix = "gaiax-dapr:"
    ) => new(await RedisEmbeddedStorage.ConnectAsync(connectionString, keyPrefix).ConfigureAwait(false), options);

    /// <summary>
    /// Starts the sidecar of <paramref name="appId"/> (a gRPC endpoint on a free loopback port). Point the
    /// app's <c>Dapr:GrpcEndpoint</c> at <see cref="EmbeddedDaprSidecar.GrpcEndpoint"/>, start the app, then
    /// call <see cref="EmbeddedDaprSidecar.AttachAppAsync"/> so it reads the app's subscriptions.
    /// </summary>
    public Task<EmbeddedDaprSidecar> StartSidecarAsync(string appId, CancellationToken cancellationToken = default) =>
        StartSidecarAsync(appId, new EmbeddedSidecarSettings(), cancellationToken);

    /// <summary>
    /// Starts the sidecar of <paramref name="appId"/> on the ports and with the app token of
    /// <paramref name="settings"/> (a standalone sidecar process, as daprd runs beside its app).
    /// </summary>
    public async Task<EmbeddedDaprSidecar> StartSidecarAsync(
        string appId,
        EmbeddedSidecarSettings settings,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrEmpty(appId);
        if (appId.Contains("||", StringComparison.Ordinal))
        {
            throw new ArgumentException("An app id cannot contain '||'.", nameof(appId));
        }
        var sidecar = new EmbeddedDaprSidecar(this, appId, settings);
        await sidecar.StartAsync(cancellationToken).ConfigureAwait(false);
        _sidecars[sidecar] = 0;
        return sidecar;
    }

    internal void Forget(EmbeddedDaprSidecar sidecar) => _sidecars.TryRemove(sidecar, out _);

    /// <summary>
    /// Wraps <paramref name="data"/> in a CloudEvent as daprd does and queues one delivery per subscribing
    /// app (two with <see cref="EmbeddedDaprOptions.DuplicateDelivery"/>).
    /// </summary>
    public async Task PublishAsync(
        string sourceAppId,
        string pubsubName,
        string topic,
        ReadOnlyMemory<byte> data,
        string? dataContentType,
        string? traceParent
    )
    {
        var traceparent = ValidTraceParent(traceParent) ?? NewTraceParent();
        var cloudEvent = CloudEvent(sourceAppId, pubsubName, topic, data, dataContentType, traceparent);
        await FanOutAsync(pubsubName, topic, cloudEvent, traceparent).ConfigureAwait(false);
    }

    /// <summary>Forwards a CloudEvent that exhausted its retries to the subscription's dead-letter topic.</summary>
    internal async Task DeadLetterAsync(PendingDelivery delivery, string pubsubName)
    {
        if (delivery.DeadLetterTopic is null)
        {
            LogDiscarded(_logger, delivery.Topic, delivery.AppId);
            return;
        }
        var node = JsonNode.Parse(delivery.CloudEvent)!.AsObject();
        node["topic"] = delivery.DeadLetterTopic;
        await FanOutAsync(pubsubName, delivery.DeadLetterTopic, node.ToJsonString(), delivery.TraceParent).ConfigureAwait(false);
    }

    private async Task FanOutAsync(string pubsubName, string topic, string cloudEvent, string? traceparent)
    {
        var subscribers = await Storage.GetSubscribersAsync(pubsubName, topic).ConfigureAwait(false);
        var copies = Options.DuplicateDelivery ? 2 : 1;
        foreach (var (appId, subscription) in subscribers)
        {
            for (var copy = 0; copy < copies; copy++)
            {
                await Storage
                    .EnqueueAsync(
                        new PendingDelivery(
                            Guid.NewGuid(),
                            appId,
                            subscription.Route,
                            topic,
                            subscription.DeadLetterTopic,
                            cloudEvent,
                            traceparent
                        )
                    )
                    .ConfigureAwait(false);
            }
        }
        foreach (var sidecar in _sidecars.Keys)
        {
            if (subscribers.Any(s => s.AppId == sidecar.AppId))
            {
                sidecar.SignalDeliveries();
            }
        }
    }

    private string CloudEvent(
        string source,
        string pubsubName,
        string topic,
        ReadOnlyMemory<byte> data,
        string? dataContentType,
        string traceparent
    )
    {
        var contentType = string.IsNullOrEmpty(dataContentType) ? "application/json" : dataContentType;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("specversion", "1.0");
            json.WriteString("id", Guid.NewGuid().ToString());
            json.WriteString("source", source);
            json.WriteString("type", "com.dapr.event.sent");
            json.WriteString("time", Options.Time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("topic", topic);
            json.WriteString("pubsubname", pubsubName);
            json.WriteString("traceparent", traceparent);
            json.WriteString("traceid", traceparent);
            json.WriteString("tracestate", string.Empty);
            json.WriteString("datacontenttype", contentType);
            if (IsJson(contentType))
            {
                json.WritePropertyName("data");
                using var document = JsonDocument.Parse(data);
                document.RootElement.WriteTo(json);
            }
            else if (contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase))
            {
                json.WriteString("data", Encoding.UTF8.GetString(data.Span));
            }
            else
            {
                json.WriteBase64String("data_base64", data.Span);
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    internal static bool IsJson(string contentType)
    {
        var mediaType = contentType.Split(';', 2)[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    private static string? ValidTraceParent(string? value) =>
        value is not null && ActivityContext.TryParse(value, null, out _) ? value : null;

    private static string NewTraceParent() =>
        $"00-{ActivityTraceId.CreateRandom().ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01";

    public async ValueTask DisposeAsync()
    {
        foreach (var sidecar in _sidecars.Keys.ToList())
        {
            await sidecar.DisposeAsync().ConfigureAwait(false);
        }
        if (_ownsStorage)
        {
            await Storage.DisposeAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Event on topic {Topic} for app {AppId} exhausted its retries and has no dead-letter topic; discarded."
    )]
    private static partial void LogDiscarded(ILogger logger, string topic, string appId);
}
