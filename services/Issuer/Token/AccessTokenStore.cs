using GaiaX.Oid4vc.Dapr.State;
using GaiaX.Oid4vc.Issuer.Protocol;
using GaiaX.Oid4vc.ServiceDefaults.Memory;
using Microsoft.Extensions.Caching.Memory;

namespace GaiaX.Oid4vc.Issuer.Token;

/// <summary>
/// Access token records in the state store. A record never changes after it is written, so each
/// replica keeps the ones it has seen in a bounded local cache until they expire.
/// </summary>
public sealed class AccessTokenStore(IDaprStateStore state, TimeProvider time) : IAccessTokenStore, IIdleTrimmable, IDisposable
{
    // A wallet uses its access token within seconds of getting it, but a record (with the offer's claims, 2–3 KB) stays
    // cached until the token expires: 100,000 of them held ~300 MB per replica under load. Ten thousand cover every
    // token in use at a few hundred issuances per second; a miss is one state read.
    private readonly Microsoft.Extensions.Caching.Memory.MemoryCache _cache = new(
        new Microsoft.Extensions.Caching.Memory.MemoryCacheOptions { SizeLimit = 10_000 }
    );

    public async Task StoreAsync(string accessToken, AccessTokenRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var key = Key(accessToken);
        await state.SaveAsync(key, record, record.ExpiresAt - time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        Cache(key, record);
    }

    /// <summary>Drops the expired records (the cache sweeps only when it is used).</summary>
    public void TrimIdle() => _cache.Compact(0);

    public StateChange Prepare(string accessToken, AccessTokenRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return StateChange.Upsert(Key(accessToken), record, record.ExpiresAt - time.GetUtcNow());
    }

    public void Remember(string accessToken, AccessTokenRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Cache(Key(accessToken), record);
    }

    public async Task<AccessTokenRecord?> FindAsync(string accessToken, CancellationToken cancellationToken)
    {
        var key = Key(accessToken);
        if (_cache.TryGetValue(key, out AccessTokenRecord? cached))
        {
            return cached;
        }
        var record = await state.GetAsync<AccessTokenRecord>(key, cancellationToken).ConfigureAwait(false);
        if (record is not null)
        {
            Cache(key, record);
        }
        return record;
    }

    public async Task RevokeAsync(IReadOnlyCollection<string> tokenHashes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokenHashes);
        foreach (var hash in tokenHashes)
        {
            _cache.Remove(Prefix + hash);
        }
        await Task.WhenAll(tokenHashes.Select(hash => state.DeleteAsync(Prefix + hash, cancellationToken))).ConfigureAwait(false);
    }

    private void Cache(string key, AccessTokenRecord record) =>
        _cache.Set(
            key,
            record,
            new Microsoft.Extensions.Caching.Memory.MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = record.ExpiresAt }
        );

    private const string Prefix = "access-token:";

    private static string Key(string accessToken) => Prefix + Secrets.Hash(accessToken);

    public void Dispose() => _cache.Dispose();
}
