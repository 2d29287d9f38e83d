using System.Globalization;
using System.Text.Json;
using StackExchange.Redis;

namespace GaiaX.Oid4vc.Dapr.Embedded;

/// <summary>
/// Redis back end: state, subscriptions and delivery queues survive a restart of the sidecar and of
/// the services. Each state item is a hash (<c>d</c> data, <c>v</c> ETag, <c>x</c> expiry in Unix ms);
/// conditions and writes run in one Lua script, so a transaction is all-or-nothing. Expiry is decided
/// against the broker's <see cref="TimeProvider"/> (so tests can move time) and Redis also expires the
/// key itself a while later, to reclaim memory.
/// </summary>
public sealed class RedisEmbeddedStorage : IEmbeddedStorage
{
    private static readonly TimeSpan PhysicalExpirySlack = TimeSpan.FromMinutes(5);

    private const string ApplyScript = """
        local now = tonumber(ARGV[1])
        local n = tonumber(ARGV[2])
        local function live(key)
          local x = redis.call('HGET', key, 'x')
          if x and tonumber(x) <= now then return false end
          return redis.call('EXISTS', key) == 1
        end
        for i = 1, n do
          local b = 2 + (i - 1) * 6
          local etag = ARGV[b + 2]
          local key = KEYS[i]
          if etag ~= '' then
            if not live(key) or redis.call('HGET', key, 'v') ~= etag then return i end
          elseif ARGV[b + 3] == '1' then
            if live(key) then return i end
          end
        end
        for i = 1, n do
          local b = 2 + (i - 1) * 6
          local key = KEYS[i]
          redis.call('DEL', key)
          if ARGV[b + 1] == 'u' then
            local v = redis.call('INCR', KEYS[n + 1])
            redis.call('HSET', key, 'd', ARGV[b + 4], 'v', tostring(v))
            if ARGV[b + 5] ~= '' then
              redis.call('HSET', key, 'x', ARGV[b + 5])
              redis.call('PEXPIRE', key, ARGV[b + 6])
            end
          end
        end
        return 0
        """;

    private readonly ConnectionMultiplexer _connection;
    private readonly IDatabase _db;
    private readonly string _prefix;

    private RedisEmbeddedStorage(ConnectionMultiplexer connection, string prefix)
    {
        _connection = connection;
        _db = connection.GetDatabase();
        _prefix = prefix;
    }

    /// <summary>Connects to Redis. <paramref name="prefix"/> namespaces every key this storage writes.</summary>
    public static async Task<RedisEmbeddedStorage> ConnectAsync(string connectionString, string prefix = "gaiax-dapr:")
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        var connection = await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false);
        return new RedisEmbeddedStorage(connection, prefix);
    }

    /// <summary>
    /// The database, or at once an <see cref="EmbeddedStorageUnavailableException"/> while the connection is down:
    /// StackExchange.Redis would otherwise hold each command for its whole time-out (5 s) before
    /// failing, and every request of every service would hang that long during an outage.
    /// </summary>
    private IDatabase Db =>
        _connection.IsConnected ? _db : throw new EmbeddedStorageUnavailableException("The Redis state store is unreachable.");

    private RedisKey StateKey(string key) => _prefix + "state:" + key;

    private RedisKey VersionKey => _prefix + "etag-seq";

    private RedisKey SubscriptionsKey => _prefix + "subscriptions";

    private RedisKey PendingKey(string appId) => _prefix + "pending:" + appId;

    private RedisKey InFlightKey(string appId) => _prefix + "inflight:" + appId;

    public async Task<StoredState?> GetAsync(string key, DateTimeOffset now)
    {
        var fields = await Db.HashGetAsync(StateKey(key), ["d", "v", "x"]).ConfigureAwait(false);
        if (fields[0].IsNull || fields[1].IsNull)
        {
            return null;
        }
        DateTimeOffset? expiresAt = fields[2].IsNull ? null : DateTimeOffset.FromUnixTimeMilliseconds((long)fields[2]);
        if (expiresAt <= now)
        {
            return null;
        }
        return new StoredState((byte[])fields[0]!, fields[1].ToString(), expiresAt);
    }

    public async Task<ApplyResult> ApplyAsync(IReadOnlyList<StateWrite> writes, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(writes);
        var keys = new RedisKey[writes.Count + 1];
        var args = new RedisValue[2 + (writes.Count * 6)];
        args[0] = now.ToUnixTimeMilliseconds();
        args[1] = writes.Count;
        for (var i = 0; i < writes.Count; i++)
        {
            var write = writes[i];
            keys[i] = StateKey(write.Key);
            var b = 2 + (i * 6);
            args[b] = write.IsDelete ? "d" : "u";
            args[b + 1] = write.ETag ?? string.Empty;
            args[b + 2] = write.CreateOnly ? "1" : "0";
            args[b + 3] = write.Data ?? [];
            if (write.ExpiresAt is { } expiresAt)
            {
                args[b + 4] = expiresAt.ToUnixTimeMilliseconds();
                var physical = expiresAt - now + PhysicalExpirySlack;
                args[b + 5] = ((long)physical.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
            }
            else
            {
                args[b + 4] = string.Empty;
                args[b + 5] = string.Empty;
            }
        }
        keys[writes.Count] = VersionKey;
        var result = (long)await Db.ScriptEvaluateAsync(ApplyScript, keys, args).ConfigureAwait(false);
        return result == 0 ? ApplyResult.Applied : new ApplyResult((int)result - 1);
    }

    public Task SaveSubscriptionsAsync(string appId, IReadOnlyList<EmbeddedSubscription> subscriptions) =>
        Db.HashSetAsync(SubscriptionsKey, appId, JsonSerializer.Serialize(subscriptions));

    public async Task<IReadOnlyList<(string AppId, EmbeddedSubscription Subscription)>> GetSubscribersAsync(string pubsubName, string topic)
    {
        var all = await Db.HashGetAllAsync(SubscriptionsKey).ConfigureAwait(false);
        var result = new List<(string, EmbeddedSubscription)>();
        foreach (var entry in all)
        {
            var subscriptions = JsonSerializer.Deserialize<List<EmbeddedSubscription>>(entry.Value.ToString()) ?? [];
            result.AddRange(
                subscriptions.Where(s => s.PubsubName == pubsubName && s.Topic == topic).Select(s => (entry.Name.ToString(), s))
            );
        }
        return result;
    }

    public Task EnqueueAsync(PendingDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return Db.ListRightPushAsync(PendingKey(delivery.AppId), JsonSerializer.Serialize(delivery));
    }

    public async Task<PendingDelivery?> TryDequeueAsync(string appId)
    {
        var raw = await Db.ListMoveAsync(PendingKey(appId), InFlightKey(appId), ListSide.Left, ListSide.Right).ConfigureAwait(false);
        if (raw.IsNull)
        {
            return null;
        }
        var text = raw.ToString();
        var delivery = JsonSerializer.Deserialize<PendingDelivery>(text)
            ?? throw new InvalidOperationException("Unreadable pending delivery in Redis.");
        return delivery with { Raw = text };
    }

    public Task CompleteAsync(PendingDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return Db.ListRemoveAsync(InFlightKey(delivery.AppId), delivery.Raw ?? JsonSerializer.Serialize(delivery), 1);
    }

    public async Task RequeueInFlightAsync(string appId)
    {
        while (!(await Db.ListMoveAsync(InFlightKey(appId), PendingKey(appId), ListSide.Right, ListSide.Left).ConfigureAwait(false)).IsNull)
        { }
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync().ConfigureAwait(false);
}
