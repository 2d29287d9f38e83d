namespace GaiaX.Oid4vc.Issuer.Storage;

/// <summary>An item read from the state store with the ETag that guards its next write.</summary>
public sealed record Stored<T>(T Value, string ETag);

/// <summary>
/// The key-value operations the Issuer's stores are built on: read with ETag, write with a TTL,
/// compare-and-swap, and consume-once (read then delete under the ETag, so exactly one caller wins).
/// Production: the Dapr state store through <c>DaprClient</c>.
/// </summary>
public interface IIssuerStateStore
{
    Task<Stored<T>?> GetAsync<T>(string key, CancellationToken cancellationToken)
        where T : class;

    Task SetAsync<T>(string key, T value, TimeSpan timeToLive, CancellationToken cancellationToken)
        where T : class;

    /// <summary>Writes only if the item still carries <paramref name="etag"/> (first write wins).</summary>
    Task<bool> TryReplaceAsync<T>(string key, T value, string etag, TimeSpan timeToLive, CancellationToken cancellationToken)
        where T : class;

    /// <summary>Deletes only if the item still carries <paramref name="etag"/>; true for the one caller that deleted it.</summary>
    Task<bool> TryDeleteAsync(string key, string etag, CancellationToken cancellationToken);

    Task DeleteAsync(string key, CancellationToken cancellationToken);
}

/// <summary>Compositions of the primitive operations used by every store.</summary>
public static class IssuerStateStoreExtensions
{
    /// <summary>Returns the item to exactly one caller and removes it; every other caller gets null.</summary>
    public static async Task<T?> TryConsumeAsync<T>(this IIssuerStateStore store, string key, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(store);
        var item = await store.GetAsync<T>(key, cancellationToken).ConfigureAwait(false);
        if (item is null)
        {
            return null;
        }
        return await store.TryDeleteAsync(key, item.ETag, cancellationToken).ConfigureAwait(false) ? item.Value : null;
    }

    /// <summary>
    /// Applies <paramref name="change"/> with optimistic concurrency, re-reading on conflict.
    /// <paramref name="change"/> returns null to leave the item as it is. Returns the stored value.
    /// </summary>
    public static async Task<T?> UpdateAsync<T>(this IIssuerStateStore store, string key, Func<T, T?> change, TimeSpan timeToLive, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 0; attempt < 32; attempt++)
        {
            var item = await store.GetAsync<T>(key, cancellationToken).ConfigureAwait(false);
            if (item is null)
            {
                return null;
            }
            var updated = change(item.Value);
            if (updated is null)
            {
                return item.Value;
            }
            if (await store.TryReplaceAsync(key, updated, item.ETag, timeToLive, cancellationToken).ConfigureAwait(false))
            {
                return updated;
            }
        }
        throw new InvalidOperationException($"State item '{key}' kept changing under concurrent updates.");
    }
}
