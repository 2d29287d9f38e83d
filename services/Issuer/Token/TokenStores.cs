using Microsoft.Extensions.Caching.Memory;
using GaiaX.Oid4vc.Issuer.Protocol;
using GaiaX.Oid4vc.Dapr.State;

namespace GaiaX.Oid4vc.Issuer.Token;

/// <summary>A pre-authorized code: which offer it redeems, the transaction code it needs, failed tries so far.</summary>
public sealed record PreAuthorizedCodeRecord
{
    public required string OfferId { get; init; }

    /// <summary>The offer's credential configurations: what <c>authorization_details</c> may ask for.</summary>
    public required IReadOnlyList<string> CredentialConfigurationIds { get; init; }

    /// <summary>SHA-256 of the transaction code, or null when the offer asks for none.</summary>
    public string? TransactionCodeHash { get; init; }

    public int FailedAttempts { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }
}

/// <summary>What redeeming a pre-authorized code came to.</summary>
public enum PreAuthorizedCodeRedemption
{
    Redeemed,
    Unknown,
    Expired,
    /// <summary><c>authorization_details</c> ask for a configuration the offer does not hold; the code stays usable.</summary>
    NotOffered,
    TransactionCodeMissing,
    TransactionCodeUnexpected,
    TransactionCodeWrong,
    LockedOut,
}

/// <summary>Pre-authorized codes: single-use, short-lived, locked after too many wrong transaction codes.</summary>
public interface IPreAuthorizedCodeStore
{
    Task StoreAsync(string code, PreAuthorizedCodeRecord record, CancellationToken cancellationToken);

    /// <summary>
    /// Checks the requested configurations and the transaction code, then consumes the code. Exactly
    /// one of any number of concurrent callers presenting the right transaction code gets
    /// <see cref="PreAuthorizedCodeRedemption.Redeemed"/>.
    /// </summary>
    Task<(PreAuthorizedCodeRedemption Result, PreAuthorizedCodeRecord? Record)> RedeemAsync(string code, string? transactionCode, IReadOnlyList<string> requestedConfigurationIds, int maxFailedAttempts, DateTimeOffset now, CancellationToken cancellationToken);
}

public sealed class PreAuthorizedCodeStore(IDaprStateStore state, TimeProvider time) : IPreAuthorizedCodeStore
{
    public Task StoreAsync(string code, PreAuthorizedCodeRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return state.SaveAsync(Key(code), record, record.ExpiresAt - time.GetUtcNow() + TimeSpan.FromMinutes(1), cancellationToken);
    }

    public async Task<(PreAuthorizedCodeRedemption Result, PreAuthorizedCodeRecord? Record)> RedeemAsync(string code, string? transactionCode, IReadOnlyList<string> requestedConfigurationIds, int maxFailedAttempts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = Key(code);
        for (var attempt = 0; attempt < 32; attempt++)
        {
            var item = await state.GetVersionedAsync<PreAuthorizedCodeRecord>(key, cancellationToken).ConfigureAwait(false);
            if (item is null)
            {
                return (PreAuthorizedCodeRedemption.Unknown, null);
            }
            var record = item.Value;
            // Checked before anything is counted or consumed, so a wallet that asked for the wrong
            // thing can ask again with the same code.
            if (requestedConfigurationIds.Except(record.CredentialConfigurationIds, StringComparer.Ordinal).Any())
            {
                return (PreAuthorizedCodeRedemption.NotOffered, record);
            }
            if (now >= record.ExpiresAt)
            {
                await state.TryDeleteAsync(key, item.ETag, cancellationToken).ConfigureAwait(false);
                return (PreAuthorizedCodeRedemption.Expired, record);
            }
            if (record.FailedAttempts >= maxFailedAttempts)
            {
                return (PreAuthorizedCodeRedemption.LockedOut, record);
            }
            if (record.TransactionCodeHash is null && transactionCode is not null)
            {
                return (PreAuthorizedCodeRedemption.TransactionCodeUnexpected, record);
            }
            if (record.TransactionCodeHash is not null && transactionCode is null)
            {
                return (PreAuthorizedCodeRedemption.TransactionCodeMissing, record);
            }
            if (record.TransactionCodeHash is not null && !Secrets.FixedTimeEquals(record.TransactionCodeHash, Secrets.Hash(transactionCode!)))
            {
                // Count the failure under the ETag, so concurrent guesses cannot share one attempt.
                var failed = record with { FailedAttempts = record.FailedAttempts + 1 };
                if (!await state.TrySaveAsync(key, failed, item.ETag, record.ExpiresAt - now + TimeSpan.FromMinutes(1), cancellationToken).ConfigureAwait(false))
                {
                    continue;
                }
                return (failed.FailedAttempts >= maxFailedAttempts ? PreAuthorizedCodeRedemption.LockedOut : PreAuthorizedCodeRedemption.TransactionCodeWrong, failed);
            }
            if (await state.TryDeleteAsync(key, item.ETag, cancellationToken).ConfigureAwait(false))
            {
                return (PreAuthorizedCodeRedemption.Redeemed, record);
            }
            // Lost the race: either someone redeemed it (next read finds nothing) or a failure was counted.
        }
        return (PreAuthorizedCodeRedemption.Unknown, null);
    }

    private static string Key(string code) => "pre-authorized-code:" + Secrets.Hash(code);
}

/// <summary>What an access token grants. The token itself is a random handle; this record is stored under its hash.</summary>
public sealed record AccessTokenRecord
{
    /// <summary>The offer the token was issued for (pre-authorized code, or <c>issuer_state</c>).</summary>
    public string? OfferId { get; init; }

    /// <summary>The credential configurations the token may be used for.</summary>
    public required IReadOnlyList<string> CredentialConfigurationIds { get; init; }

    /// <summary>
    /// <c>credential_identifiers</c> returned in the token response, each mapped to its configuration.
    /// When present, credential requests must use <c>credential_identifier</c>.
    /// </summary>
    public IReadOnlyDictionary<string, string>? CredentialIdentifiers { get; init; }

    /// <summary>
    /// The offer's claims per configuration, copied at token time (they never change after the
    /// offer is created), so issuing needs no offer read.
    /// </summary>
    public IReadOnlyDictionary<string, System.Text.Json.JsonElement>? Claims { get; init; }

    public string? SubjectId { get; init; }

    public string? ClientId { get; init; }

    /// <summary>The JWK thumbprint the token is bound to (RFC 9449 <c>cnf.jkt</c>), if DPoP was used.</summary>
    public string? DpopJkt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>How the token is presented and challenged: <c>DPoP</c> when bound to a key, else <c>Bearer</c>.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string TokenType => DpopJkt is null ? "Bearer" : "DPoP";
}

/// <summary>A refresh token: the grant it renews and when the chain of rotated tokens ends.</summary>
public sealed record RefreshTokenRecord
{
    /// <summary>What a refreshed access token grants (its <c>ExpiresAt</c> is set anew on each refresh).</summary>
    public required AccessTokenRecord Grant { get; init; }

    /// <summary>The end of the refresh chain: rotation hands it on unchanged.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }
}

/// <summary>Refresh tokens, each usable once (rotated on every refresh).</summary>
public sealed class RefreshTokenStore(IDaprStateStore state, TimeProvider time)
    : SingleUseStore<RefreshTokenRecord>(state, time, "refresh-token:", record => record.ExpiresAt);

public interface IAccessTokenStore
{
    Task StoreAsync(string accessToken, AccessTokenRecord record, CancellationToken cancellationToken);

    Task<AccessTokenRecord?> FindAsync(string accessToken, CancellationToken cancellationToken);
}

/// <summary>
/// Access token records in the state store. A record never changes after it is written, so each
/// replica keeps the ones it has seen in a bounded local cache until they expire.
/// </summary>
public sealed class AccessTokenStore(IDaprStateStore state, TimeProvider time) : IAccessTokenStore, IDisposable
{
    private readonly Microsoft.Extensions.Caching.Memory.MemoryCache _cache = new(new Microsoft.Extensions.Caching.Memory.MemoryCacheOptions { SizeLimit = 100_000 });

    public async Task StoreAsync(string accessToken, AccessTokenRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var key = Key(accessToken);
        await state.SaveAsync(key, record, record.ExpiresAt - time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        Remember(key, record);
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
            Remember(key, record);
        }
        return record;
    }

    private void Remember(string key, AccessTokenRecord record) =>
        _cache.Set(key, record, new Microsoft.Extensions.Caching.Memory.MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = record.ExpiresAt });

    private static string Key(string accessToken) => "access-token:" + Secrets.Hash(accessToken);

    public void Dispose() => _cache.Dispose();
}

/// <summary>Remembers DPoP proof <c>jti</c> values for their acceptance window (RFC 9449 section 11.1).</summary>
public interface IDpopReplayCache
{
    /// <summary>True the first time a <c>jti</c> is seen within <paramref name="window"/>.</summary>
    Task<bool> TryRememberAsync(string jti, TimeSpan window, CancellationToken cancellationToken);
}

public sealed class DpopReplayCache(IDaprStateStore state) : IDpopReplayCache
{
    public Task<bool> TryRememberAsync(string jti, TimeSpan window, CancellationToken cancellationToken) =>
        // Create-only: of two requests replaying one proof, exactly one creates the marker.
        state.TryCreateAsync("dpop-jti:" + Secrets.Hash(jti), new Marker(true), window, cancellationToken);

    private sealed record Marker(bool Seen);
}
