namespace GaiaX.Oid4vc.Dapr.Embedded;

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
