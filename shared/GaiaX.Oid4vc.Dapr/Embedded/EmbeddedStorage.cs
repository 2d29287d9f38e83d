namespace GaiaX.Oid4vc.Dapr.Embedded;

/// <summary>A stored state item. <see cref="ExpiresAt"/> is <c>null</c> for items without TTL.</summary>
public sealed record StoredState(byte[] Data, string ETag, DateTimeOffset? ExpiresAt);

/// <summary>
/// One write of a state transaction. <see cref="ETag"/> non-null: applies only if the stored ETag is
/// still that value. <see cref="CreateOnly"/>: applies only if the key does not exist.
/// </summary>
public sealed record StateWrite(string Key, bool IsDelete, byte[]? Data, string? ETag, bool CreateOnly, DateTimeOffset? ExpiresAt);

/// <summary>The result of applying writes: <see cref="ConflictIndex"/> is the first write whose condition failed (nothing was applied), or -1.</summary>
public readonly record struct ApplyResult(int ConflictIndex)
{
    public static ApplyResult Applied => new(-1);

    public bool Succeeded => ConflictIndex < 0;
}

/// <summary>A subscription an app lists at <c>GET /dapr/subscribe</c>.</summary>
public sealed record EmbeddedSubscription(string PubsubName, string Topic, string Route, string? DeadLetterTopic);

/// <summary>
/// A CloudEvent waiting to be delivered to one app's route. <see cref="Raw"/> is the exact stored form
/// (the Redis back end removes in-flight items by value).
/// </summary>
public sealed record PendingDelivery(Guid DeliveryId, string AppId, string Route, string Topic, string? DeadLetterTopic, string CloudEvent, string? TraceParent)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public string? Raw { get; init; }
}

/// <summary>The storage behind the embedded sidecar: state with ETags and TTL, subscriptions, delivery queues.</summary>
public interface IEmbeddedStorage : IAsyncDisposable
{
    /// <summary>The live item at <paramref name="key"/> (already prefixed with the app id), or <c>null</c>.</summary>
    Task<StoredState?> GetAsync(string key, DateTimeOffset now);

    /// <summary>Checks every condition first, then applies every write, atomically.</summary>
    Task<ApplyResult> ApplyAsync(IReadOnlyList<StateWrite> writes, DateTimeOffset now);

    /// <summary>Replaces the subscriptions of <paramref name="appId"/> (read from its <c>/dapr/subscribe</c>).</summary>
    Task SaveSubscriptionsAsync(string appId, IReadOnlyList<EmbeddedSubscription> subscriptions);

    /// <summary>Every app's subscriptions to <paramref name="topic"/> on <paramref name="pubsubName"/>.</summary>
    Task<IReadOnlyList<(string AppId, EmbeddedSubscription Subscription)>> GetSubscribersAsync(string pubsubName, string topic);

    Task EnqueueAsync(PendingDelivery delivery);

    /// <summary>Takes the next delivery for <paramref name="appId"/> and marks it in flight, or <c>null</c> when none waits.</summary>
    Task<PendingDelivery?> TryDequeueAsync(string appId);

    /// <summary>Forgets an in-flight delivery (delivered, dropped or dead-lettered).</summary>
    Task CompleteAsync(PendingDelivery delivery);

    /// <summary>Puts deliveries left in flight by a previous sidecar instance back in the queue.</summary>
    Task RequeueInFlightAsync(string appId);
}
