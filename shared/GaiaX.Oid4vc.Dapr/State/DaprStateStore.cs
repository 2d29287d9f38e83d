using System.Globalization;
using System.Text.Json;
using Dapr.Client;
using Grpc.Core;

namespace GaiaX.Oid4vc.Dapr.State;

/// <inheritdoc />
public sealed class DaprStateStore(DaprClient dapr) : IDaprStateStore
{
    private const int MaxUpdateAttempts = 16;

    // Dapr (and our embedded sidecar) reads "first write" with an empty ETag as "create only".
    private static readonly StateOptions FirstWrite = new() { Concurrency = ConcurrencyMode.FirstWrite };

    public async Task<T?> GetAsync<T>(string key, CancellationToken cancellationToken = default)
    {
        CheckKey(key);
        return await dapr.GetStateAsync<T>(DaprComponents.StateStore, key, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public async Task<VersionedState<T>?> GetVersionedAsync<T>(string key, CancellationToken cancellationToken = default)
    {
        CheckKey(key);
        var (value, etag) = await dapr.GetStateAndETagAsync<T>(DaprComponents.StateStore, key, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return string.IsNullOrEmpty(etag) || value is null ? null : new VersionedState<T>(value, etag);
    }

    public async Task<(VersionedState<T1>? First, VersionedState<T2>? Second)> GetVersionedAsync<T1, T2>(
        string firstKey,
        string secondKey,
        CancellationToken cancellationToken = default
    )
    {
        CheckKey(firstKey);
        CheckKey(secondKey);
        var items = await dapr.GetBulkStateAsync(
                DaprComponents.StateStore,
                [firstKey, secondKey],
                parallelism: null,
                cancellationToken: cancellationToken
            )
            .ConfigureAwait(false);
        return (Versioned<T1>(items, firstKey), Versioned<T2>(items, secondKey));
    }

    private VersionedState<T>? Versioned<T>(IReadOnlyList<BulkStateItem> items, string key)
    {
        foreach (var item in items)
        {
            if (item.Key == key && !string.IsNullOrEmpty(item.ETag) && !string.IsNullOrEmpty(item.Value))
            {
                var value = JsonSerializer.Deserialize<T>(item.Value, dapr.JsonSerializerOptions);
                return value is null ? null : new VersionedState<T>(value, item.ETag);
            }
        }
        return null;
    }

    public async Task<IReadOnlyDictionary<string, T>> GetManyAsync<T>(
        IReadOnlyCollection<string> keys,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var key in keys)
        {
            CheckKey(key);
        }
        var result = new Dictionary<string, T>(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return result;
        }
        var items = await dapr.GetBulkStateAsync<T>(
                DaprComponents.StateStore,
                keys.ToList(),
                parallelism: null,
                cancellationToken: cancellationToken
            )
            .ConfigureAwait(false);
        foreach (var item in items)
        {
            if (!string.IsNullOrEmpty(item.ETag) && item.Value is not null)
            {
                result[item.Key] = item.Value;
            }
        }
        return result;
    }

    public Task SaveAsync<T>(string key, T value, TimeSpan? ttl = null, CancellationToken cancellationToken = default)
    {
        CheckKey(key);
        return dapr.SaveStateAsync(DaprComponents.StateStore, key, value, metadata: Metadata(ttl), cancellationToken: cancellationToken);
    }

    public async Task<bool> TryCreateAsync<T>(string key, T value, TimeSpan? ttl = null, CancellationToken cancellationToken = default)
    {
        CheckKey(key);
        try
        {
            return await dapr.TrySaveStateAsync(
                    DaprComponents.StateStore,
                    key,
                    value,
                    string.Empty,
                    FirstWrite,
                    Metadata(ttl),
                    cancellationToken
                )
                .ConfigureAwait(false);
        }
        catch (global::Dapr.DaprException)
        {
            // Some state stores report a create-only conflict as a plain error rather than an ETag
            // mismatch; the key being there is what makes it a lost race rather than a failure.
            if (await ExistsAsync(key, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
            throw;
        }
    }

    private async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        var (_, etag) = await dapr.GetStateAndETagAsync<System.Text.Json.JsonElement>(
                DaprComponents.StateStore,
                key,
                cancellationToken: cancellationToken
            )
            .ConfigureAwait(false);
        return !string.IsNullOrEmpty(etag);
    }

    public Task<bool> TrySaveAsync<T>(string key, T value, string etag, TimeSpan? ttl = null, CancellationToken cancellationToken = default)
    {
        CheckKey(key);
        ArgumentException.ThrowIfNullOrEmpty(etag);
        return dapr.TrySaveStateAsync(DaprComponents.StateStore, key, value, etag, FirstWrite, Metadata(ttl), cancellationToken);
    }

    public async Task<VersionedState<T>?> UpdateAsync<T>(
        string key,
        Func<T, T> update,
        TimeSpan? ttl = null,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(update);
        for (var attempt = 0; attempt < MaxUpdateAttempts; attempt++)
        {
            var current = await GetVersionedAsync<T>(key, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return null;
            }
            var next = update(current.Value);
            if (await TrySaveAsync(key, next, current.ETag, ttl, cancellationToken).ConfigureAwait(false))
            {
                var written = await GetVersionedAsync<T>(key, cancellationToken).ConfigureAwait(false);
                return written ?? new VersionedState<T>(next, current.ETag);
            }
        }
        throw new InvalidOperationException($"State key '{key}' kept changing; gave up after {MaxUpdateAttempts} attempts.");
    }

    public async Task<T?> ConsumeOnceAsync<T>(string key, CancellationToken cancellationToken = default)
        where T : class
    {
        var current = await GetVersionedAsync<T>(key, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return null;
        }
        // First write wins: only the caller whose ETag is still current deletes it.
        return await TryDeleteAsync(key, current.ETag, cancellationToken).ConfigureAwait(false) ? current.Value : null;
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        CheckKey(key);
        return dapr.DeleteStateAsync(DaprComponents.StateStore, key, cancellationToken: cancellationToken);
    }

    public async Task WriteAllAsync(IReadOnlyList<StateChange> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Any(c => c.CreateOnly || c.ETag is not null))
        {
            throw new ArgumentException("only unconditional writes; use TryWriteAllAsync for create-only or ETag writes", nameof(changes));
        }
        // Without a condition the sidecar has nothing to refuse: a failure is an outage and propagates as one.
        await TryWriteAllAsync(changes, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> TryWriteAllAsync(IReadOnlyList<StateChange> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return true;
        }
        var requests = new List<StateTransactionRequest>(changes.Count);
        (TimeSpan? Ttl, IReadOnlyDictionary<string, string>? Metadata) last = default;
        foreach (var change in changes)
        {
            CheckKey(change.Key);
            var conditional = change.CreateOnly || change.ETag is not null;
            if (last.Metadata is null || last.Ttl != change.Ttl)
            {
                last = (change.Ttl, Metadata(change.Ttl));
            }
            requests.Add(
                new StateTransactionRequest(
                    change.Key,
                    JsonSerializer.SerializeToUtf8Bytes(change.Value, change.Value.GetType(), dapr.JsonSerializerOptions),
                    StateOperationType.Upsert,
                    conditional ? change.ETag ?? string.Empty : null,
                    last.Metadata,
                    conditional ? FirstWrite : null
                )
            );
        }
        try
        {
            await dapr.ExecuteStateTransactionAsync(DaprComponents.StateStore, requests, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            return true;
        }
        catch (global::Dapr.DaprException exception) when (IsConflict(exception.InnerException as RpcException))
        {
            return false;
        }
    }

    public Task<bool> TryDeleteAsync(string key, string etag, CancellationToken cancellationToken = default)
    {
        CheckKey(key);
        ArgumentException.ThrowIfNullOrEmpty(etag);
        return dapr.TryDeleteStateAsync(DaprComponents.StateStore, key, etag, FirstWrite, cancellationToken: cancellationToken);
    }

    /// <summary>The <c>ttlInSeconds</c> metadata for <paramref name="ttl"/> (rounded up to whole seconds).</summary>
    public static IReadOnlyDictionary<string, string>? Metadata(TimeSpan? ttl)
    {
        if (ttl is null)
        {
            return null;
        }
        if (ttl.Value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ttl), ttl, "A state TTL must be positive.");
        }
        var seconds = (long)Math.Ceiling(ttl.Value.TotalSeconds);
        return new Dictionary<string, string> { ["ttlInSeconds"] = seconds.ToString(CultureInfo.InvariantCulture) };
    }

    // daprd answers a transaction whose condition failed with Internal and the store's ETag error
    // ("possible etag mismatch"); a single conditional write with Aborted.
    private static bool IsConflict(RpcException? exception) =>
        exception is not null
        && (
            exception.StatusCode == StatusCode.Aborted
            || (
                exception.StatusCode == StatusCode.Internal
                && exception.Status.Detail.Contains("etag mismatch", StringComparison.OrdinalIgnoreCase)
            )
        );

    private static void CheckKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (key.Contains("||", StringComparison.Ordinal))
        {
            throw new ArgumentException($"State key '{key}' contains '||', which Dapr reserves.", nameof(key));
        }
    }
}
