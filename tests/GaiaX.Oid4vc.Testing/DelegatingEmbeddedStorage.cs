using GaiaX.Oid4vc.Dapr.Embedded;

namespace GaiaX.Oid4vc.Testing;

/// <summary>
/// An embedded-sidecar storage that passes every call to <see cref="Inner"/>: the base of the test
/// storages that change only the state calls (an outage on cue, a read held back).
/// </summary>
public abstract class DelegatingEmbeddedStorage(IEmbeddedStorage inner) : IEmbeddedStorage
{
    protected IEmbeddedStorage Inner { get; } = inner;

    public virtual Task<StoredState?> GetAsync(string key, DateTimeOffset now) => Inner.GetAsync(key, now);

    public virtual Task<ApplyResult> ApplyAsync(IReadOnlyList<StateWrite> writes, DateTimeOffset now) => Inner.ApplyAsync(writes, now);

    public Task SaveSubscriptionsAsync(string appId, IReadOnlyList<EmbeddedSubscription> subscriptions) =>
        Inner.SaveSubscriptionsAsync(appId, subscriptions);

    public Task<IReadOnlyList<(string AppId, EmbeddedSubscription Subscription)>> GetSubscribersAsync(string pubsubName, string topic) =>
        Inner.GetSubscribersAsync(pubsubName, topic);

    public Task EnqueueAsync(PendingDelivery delivery) => Inner.EnqueueAsync(delivery);

    public Task<PendingDelivery?> TryDequeueAsync(string appId) => Inner.TryDequeueAsync(appId);

    public Task CompleteAsync(PendingDelivery delivery) => Inner.CompleteAsync(delivery);

    public Task RequeueInFlightAsync(string appId) => Inner.RequeueInFlightAsync(appId);

    public ValueTask DisposeAsync() => Inner.DisposeAsync();
}
