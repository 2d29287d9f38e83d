using Grpc.Core;

namespace GaiaX.Oid4vc.Dapr.Embedded;

/// <summary>
/// A storage that goes down on cue, for tests of what a state-store outage at each step of a flow
/// leaves behind: after <see cref="FailAfter"/> it lets the given number of state operations (reads
/// and writes) through, then fails every further one, before applying it, until <see cref="Heal"/>.
/// Subscriptions and deliveries are never failed. Everything else is <paramref name="inner"/>'s.
/// </summary>
public sealed class FaultInjectingEmbeddedStorage(IEmbeddedStorage inner) : IEmbeddedStorage
{
    private long _allowance = long.MaxValue;

    /// <summary>The outage starts after <paramref name="operations"/> further state operations succeeded.</summary>
    public void FailAfter(int operations) => Interlocked.Exchange(ref _allowance, operations);

    /// <summary>The store is back: every operation succeeds again.</summary>
    public void Heal() => Interlocked.Exchange(ref _allowance, long.MaxValue);

    /// <summary>True while operations fail.</summary>
    public bool IsDown => Interlocked.Read(ref _allowance) <= 0;

    public Task<StoredState?> GetAsync(string key, DateTimeOffset now)
    {
        Pass();
        return inner.GetAsync(key, now);
    }

    public Task<ApplyResult> ApplyAsync(IReadOnlyList<StateWrite> writes, DateTimeOffset now)
    {
        Pass();
        return inner.ApplyAsync(writes, now);
    }

    // A store that is down answers as daprd does when Redis is unreachable: the call fails, nothing is applied.
    private void Pass()
    {
        if (Interlocked.Read(ref _allowance) == long.MaxValue)
        {
            return;
        }
        if (Interlocked.Decrement(ref _allowance) < 0)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "injected state store outage"));
        }
    }

    public Task SaveSubscriptionsAsync(string appId, IReadOnlyList<EmbeddedSubscription> subscriptions) => inner.SaveSubscriptionsAsync(appId, subscriptions);

    public Task<IReadOnlyList<(string AppId, EmbeddedSubscription Subscription)>> GetSubscribersAsync(string pubsubName, string topic) => inner.GetSubscribersAsync(pubsubName, topic);

    public Task EnqueueAsync(PendingDelivery delivery) => inner.EnqueueAsync(delivery);

    public Task<PendingDelivery?> TryDequeueAsync(string appId) => inner.TryDequeueAsync(appId);

    public Task CompleteAsync(PendingDelivery delivery) => inner.CompleteAsync(delivery);

    public Task RequeueInFlightAsync(string appId) => inner.RequeueInFlightAsync(appId);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
