using System.Collections.Concurrent;

namespace GaiaX.Oid4vc.Compliance.Registry;

/// <summary>
/// Reuses registry answers for a while. Concurrent callers for the same key share one request; a
/// failed request is not kept, so the next caller asks again. One per registry, shared by every filter, so that a
/// <c>trust-list-changed</c> event drops all of them at once.
/// </summary>
public sealed class RegistryAnswerCache(TimeProvider time, Func<TimeSpan> duration, int capacity = 10_000) : ITrustViewInvalidation
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Forgets every answer: the registry's trust list changed.</summary>
    public void Invalidate() => _entries.Clear();

    public async Task<T> GetOrAddAsync<T>(string key, Func<CancellationToken, Task<T>> load, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(key, out var entry) && entry.Expires > now)
        {
            try
            {
                return (T)await entry.Value.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
                throw;
            }
        }

        if (_entries.Count >= capacity)
        {
            foreach (var stale in _entries.Where(e => e.Value.Expires <= now).Select(e => e.Key).ToList())
            {
                _entries.TryRemove(stale, out _);
            }
        }

        // The load does not follow one caller's cancellation: other callers may be waiting on it.
        var fresh = new Entry(now + duration(), new Lazy<Task<object>>(() => LoadBoxed(load)));
        var stored = _entries.AddOrUpdate(key, fresh, (_, existing) => existing.Expires > now ? existing : fresh);
        try
        {
            return (T)await stored.Value.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            _entries.TryRemove(new KeyValuePair<string, Entry>(key, stored));
            throw;
        }
    }

    private static async Task<object> LoadBoxed<T>(Func<CancellationToken, Task<T>> load) =>
        (await load(CancellationToken.None).ConfigureAwait(false))!;

    private sealed record Entry(DateTimeOffset Expires, Lazy<Task<object>> Value);
}
