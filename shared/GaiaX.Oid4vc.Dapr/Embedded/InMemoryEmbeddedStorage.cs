using System.Collections.Concurrent;
using System.Globalization;

namespace GaiaX.Oid4vc.Dapr.Embedded;

/// <summary>The default back end: everything in process memory, lost when the broker stops.</summary>
public sealed class InMemoryEmbeddedStorage : IEmbeddedStorage
{
    private const int SweepEvery = 1024;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, StoredState> _state = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IReadOnlyList<EmbeddedSubscription>> _subscriptions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<PendingDelivery>> _queues = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, PendingDelivery>> _inFlight = new(StringComparer.Ordinal);
    private long _version;
    private int _writesSinceSweep;

    public Task<StoredState?> GetAsync(string key, DateTimeOffset now)
    {
        lock (_gate)
        {
            return Task.FromResult(Live(key, now));
        }
    }

    public Task<ApplyResult> ApplyAsync(IReadOnlyList<StateWrite> writes, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(writes);
        lock (_gate)
        {
            for (var i = 0; i < writes.Count; i++)
            {
                var write = writes[i];
                var current = Live(write.Key, now);
                if ((write.ETag is not null && current?.ETag != write.ETag) || (write.CreateOnly && current is not null))
                {
                    return Task.FromResult(new ApplyResult(i));
                }
            }
            foreach (var write in writes)
            {
                if (write.IsDelete)
                {
                    _state.Remove(write.Key);
                }
                else
                {
                    var etag = (++_version).ToString(CultureInfo.InvariantCulture);
                    _state[write.Key] = new StoredState(write.Data ?? [], etag, write.ExpiresAt);
                }
            }
            if ((_writesSinceSweep += writes.Count) >= SweepEvery)
            {
                _writesSinceSweep = 0;
                foreach (var expired in _state.Where(e => e.Value.ExpiresAt <= now).Select(e => e.Key).ToList())
                {
                    _state.Remove(expired);
                }
            }
            return Task.FromResult(ApplyResult.Applied);
        }
    }

    private StoredState? Live(string key, DateTimeOffset now)
    {
        if (!_state.TryGetValue(key, out var item))
        {
            return null;
        }
        if (item.ExpiresAt <= now)
        {
            _state.Remove(key);
            return null;
        }
        return item;
    }

    public Task SaveSubscriptionsAsync(string appId, IReadOnlyList<EmbeddedSubscription> subscriptions)
    {
        _subscriptions[appId] = subscriptions;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<(string AppId, EmbeddedSubscription Subscription)>> GetSubscribersAsync(string pubsubName, string topic)
    {
        IReadOnlyList<(string, EmbeddedSubscription)> result = _subscriptions
            .SelectMany(app => app.Value.Where(s => s.PubsubName == pubsubName && s.Topic == topic).Select(s => (app.Key, s)))
            .ToList();
        return Task.FromResult(result);
    }

    public Task EnqueueAsync(PendingDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        _queues.GetOrAdd(delivery.AppId, _ => new ConcurrentQueue<PendingDelivery>()).Enqueue(delivery);
        return Task.CompletedTask;
    }

    public Task<PendingDelivery?> TryDequeueAsync(string appId)
    {
        if (!_queues.TryGetValue(appId, out var queue) || !queue.TryDequeue(out var delivery))
        {
            return Task.FromResult<PendingDelivery?>(null);
        }
        _inFlight.GetOrAdd(appId, _ => new ConcurrentDictionary<Guid, PendingDelivery>())[delivery.DeliveryId] = delivery;
        return Task.FromResult<PendingDelivery?>(delivery);
    }

    public Task CompleteAsync(PendingDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (_inFlight.TryGetValue(delivery.AppId, out var inFlight))
        {
            inFlight.TryRemove(delivery.DeliveryId, out _);
        }
        return Task.CompletedTask;
    }

    public Task RequeueInFlightAsync(string appId)
    {
        if (_inFlight.TryGetValue(appId, out var inFlight))
        {
            foreach (var id in inFlight.Keys)
            {
                if (inFlight.TryRemove(id, out var delivery))
                {
                    _queues.GetOrAdd(appId, _ => new ConcurrentQueue<PendingDelivery>()).Enqueue(delivery);
                }
            }
        }
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
