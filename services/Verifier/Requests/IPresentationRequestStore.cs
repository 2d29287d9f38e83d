using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Verifier.Requests;

/// <summary>A stored request with the version (ETag) a compare-and-swap must name.</summary>
public sealed record VersionedPresentationRequest(PresentationRequest Request, string ETag);

/// <summary>Where presentation requests live (the Dapr state store in a deployment).</summary>
public interface IPresentationRequestStore
{
    /// <summary>Stores a new request; it disappears after the status retention time.</summary>
    Task CreateAsync(PresentationRequest request, CancellationToken cancellationToken);

    Task<VersionedPresentationRequest?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the request if it is still at <paramref name="etag"/>: first write wins, a stale
    /// version returns false and changes nothing.
    /// </summary>
    Task<bool> TryReplaceAsync(PresentationRequest request, string etag, CancellationToken cancellationToken);
}

/// <summary>
/// An in-process store with the same semantics as the Dapr one (ETag first-write-wins, TTL); used
/// when no state store is configured.
/// </summary>
internal sealed class InMemoryPresentationRequestStore(TimeProvider time, IOptions<VerifierOptions> options) : IPresentationRequestStore
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _version;

    private sealed record Entry(string Json, string ETag, DateTimeOffset ExpiresAt);

    public Task CreateAsync(PresentationRequest request, CancellationToken cancellationToken)
    {
        var entry = NewEntry(request);
        if (!_entries.TryAdd(request.Id, entry))
        {
            throw new InvalidOperationException("A request with this id exists already.");
        }
        return Task.CompletedTask;
    }

    public Task<VersionedPresentationRequest?> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (_entries.TryGetValue(id, out var entry))
        {
            if (entry.ExpiresAt > time.GetUtcNow())
            {
                var request = JsonSerializer.Deserialize<PresentationRequest>(entry.Json, StoreJson.Options)!;
                return Task.FromResult<VersionedPresentationRequest?>(new(request, entry.ETag));
            }
            _entries.TryRemove(new KeyValuePair<string, Entry>(id, entry));
        }
        return Task.FromResult<VersionedPresentationRequest?>(null);
    }

    public Task<bool> TryReplaceAsync(PresentationRequest request, string etag, CancellationToken cancellationToken)
    {
        if (!_entries.TryGetValue(request.Id, out var current) || current.ETag != etag || current.ExpiresAt <= time.GetUtcNow())
        {
            return Task.FromResult(false);
        }
        return Task.FromResult(_entries.TryUpdate(request.Id, NewEntry(request), current));
    }

    private Entry NewEntry(PresentationRequest request) => new(
        JsonSerializer.Serialize(request, StoreJson.Options),
        Interlocked.Increment(ref _version).ToString(System.Globalization.CultureInfo.InvariantCulture),
        time.GetUtcNow().AddSeconds(options.Value.StatusRetentionSeconds));
}

/// <summary>How requests are serialized in the state store.</summary>
public static class StoreJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
