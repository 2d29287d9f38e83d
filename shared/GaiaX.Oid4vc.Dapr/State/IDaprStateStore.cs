using Dapr.Client;

namespace GaiaX.Oid4vc.Dapr.State;

/// <summary>
/// Typed access to the one state store (<see cref="DaprComponents.StateStore"/>) through the real
/// <see cref="DaprClient"/>. Keys are this app's keys (Dapr prefixes them with the app id); <c>||</c> is
/// reserved and rejected. A <c>ttl</c> becomes the <c>ttlInSeconds</c> metadata (whole seconds, at least 1).
/// </summary>
public interface IDaprStateStore
{
    Task<T?> GetAsync<T>(string key, CancellationToken cancellationToken = default);

    /// <summary>The value and its ETag, or <c>null</c> when the key does not exist (or has expired).</summary>
    Task<VersionedState<T>?> GetVersionedAsync<T>(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Two keys of different types with their ETags in one call (a bulk read), each <c>null</c> when it does not exist.
    /// </summary>
    Task<(VersionedState<T1>? First, VersionedState<T2>? Second)> GetVersionedAsync<T1, T2>(
        string firstKey,
        string secondKey,
        CancellationToken cancellationToken = default
    );

    /// <summary>Reads several keys in one call; missing keys are absent from the result.</summary>
    Task<IReadOnlyDictionary<string, T>> GetManyAsync<T>(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);

    /// <summary>Saves unconditionally (last write wins).</summary>
    Task SaveAsync<T>(string key, T value, TimeSpan? ttl = null, CancellationToken cancellationToken = default);

    /// <summary>Saves only if the key does not exist yet; <c>false</c> when it does (first write wins).</summary>
    Task<bool> TryCreateAsync<T>(string key, T value, TimeSpan? ttl = null, CancellationToken cancellationToken = default);

    /// <summary>Saves only if the stored ETag is still <paramref name="etag"/>; <c>false</c> when it changed or the key is gone.</summary>
    Task<bool> TrySaveAsync<T>(string key, T value, string etag, TimeSpan? ttl = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Read-modify-write with ETags, retried on conflict. <paramref name="update"/> gets the current
    /// value and returns the new one (it may run more than once, so it must not have side effects).
    /// Returns the value written, or <c>null</c> when the key does not exist.
    /// </summary>
    Task<VersionedState<T>?> UpdateAsync<T>(
        string key,
        Func<T, T> update,
        TimeSpan? ttl = null,
        CancellationToken cancellationToken = default
    );

    /// <summary>
    /// Reads and deletes a single-use artefact (pre-authorized code, nonce, response code) atomically:
    /// of any number of concurrent callers exactly one gets the value, the others (and any later
    /// caller) get <c>null</c>.
    /// </summary>
    Task<T?> ConsumeOnceAsync<T>(string key, CancellationToken cancellationToken = default)
        where T : class;

    Task DeleteAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes <paramref name="changes"/> in one state transaction (one call to the sidecar). <c>false</c> when a
    /// create-only or ETag condition did not hold: the sidecar then rejects the transaction, though a state store
    /// without atomic transactions may have applied some of the other writes, so callers write idempotent values.
    /// </summary>
    Task<bool> TryWriteAllAsync(IReadOnlyList<StateChange> changes, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes unconditional <paramref name="changes"/> (<see cref="StateChange.Upsert"/> only) in one state transaction.
    /// A conditional change is an <see cref="ArgumentException"/>: use <see cref="TryWriteAllAsync"/> for those.
    /// </summary>
    Task WriteAllAsync(IReadOnlyList<StateChange> changes, CancellationToken cancellationToken = default);

    /// <summary>Deletes only if the stored ETag is still <paramref name="etag"/>.</summary>
    Task<bool> TryDeleteAsync(string key, string etag, CancellationToken cancellationToken = default);
}
