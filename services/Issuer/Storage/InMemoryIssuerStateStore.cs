using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace GaiaX.Oid4vc.Issuer.Storage;

/// <summary>
/// <see cref="IIssuerStateStore"/> in process memory with the same ETag and TTL semantics as the
/// Dapr store. Values are stored serialized so a caller can never change a stored item in place.
/// </summary>
public sealed class InMemoryIssuerStateStore(TimeProvider time) : IIssuerStateStore
{
    private readonly ConcurrentDictionary<string, Entry> _items = new(StringComparer.Ordinal);
    private long _version;

    public Task<Stored<T>?> GetAsync<T>(string key, CancellationToken cancellationToken)
        where T : class
    {
        if (_items.TryGetValue(key, out var entry) && entry.ExpiresAt > time.GetUtcNow())
        {
            var value = JsonSerializer.Deserialize<T>(entry.Json, JsonDefaults.Web)!;
            return Task.FromResult<Stored<T>?>(new Stored<T>(value, entry.ETag));
        }
        return Task.FromResult<Stored<T>?>(null);
    }

    public Task SetAsync<T>(string key, T value, TimeSpan timeToLive, CancellationToken cancellationToken)
        where T : class
    {
        _items[key] = NewEntry(value, timeToLive);
        return Task.CompletedTask;
    }

    public Task<bool> TryReplaceAsync<T>(string key, T value, string etag, TimeSpan timeToLive, CancellationToken cancellationToken)
        where T : class
    {
        if (!_items.TryGetValue(key, out var current) || current.ETag != etag || current.ExpiresAt <= time.GetUtcNow())
        {
            return Task.FromResult(false);
        }
        return Task.FromResult(_items.TryUpdate(key, NewEntry(value, timeToLive), current));
    }

    public Task<bool> TryDeleteAsync(string key, string etag, CancellationToken cancellationToken)
    {
        if (!_items.TryGetValue(key, out var current) || current.ETag != etag)
        {
            return Task.FromResult(false);
        }
        return Task.FromResult(_items.TryRemove(new KeyValuePair<string, Entry>(key, current)));
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        _items.TryRemove(key, out _);
        return Task.CompletedTask;
    }

    private Entry NewEntry<T>(T value, TimeSpan timeToLive) => new(
        JsonSerializer.SerializeToUtf8Bytes(value, JsonDefaults.Web),
        Interlocked.Increment(ref _version).ToString(CultureInfo.InvariantCulture),
        time.GetUtcNow() + timeToLive);

    private sealed record Entry(byte[] Json, string ETag, DateTimeOffset ExpiresAt);
}
