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

    /// <summary>
    /// When a right transaction code was last shown. Written under the ETag the check read, so a
    /// right code counts only against the version it was checked on: a request that read the record
    /// before the lockout was recorded cannot pass after it. It spends nothing; the code stays usable
    /// for a retry until its offer is redeemed.
    /// </summary>
    public DateTimeOffset? VerifiedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }
}

/// <summary>What checking a pre-authorized code came to.</summary>
public enum PreAuthorizedCodeRedemption
{
    /// <summary>The code and its transaction code are right; the token request may go on to redeem the offer.</summary>
    Verified,
    Unknown,
    Expired,
    /// <summary><c>authorization_details</c> ask for a configuration the offer does not hold; the code stays usable.</summary>
    NotOffered,
    TransactionCodeMissing,
    TransactionCodeUnexpected,
    TransactionCodeWrong,
    LockedOut,
}

/// <summary>
/// Pre-authorized codes: short-lived, locked after too many wrong transaction codes. A code is not
/// deleted when it is used: it is spent with its offer, which the first token response marks
/// redeemed (<see cref="Offers.IOfferStore.TryRedeemAsync"/>), after the tokens are written. A state
/// store failing half way through a token request thus leaves the code usable for the retry.
/// </summary>
public interface IPreAuthorizedCodeStore
{
    Task StoreAsync(string code, PreAuthorizedCodeRecord record, CancellationToken cancellationToken);

    /// <summary>
    /// Checks the requested configurations and the transaction code. Both a wrong and a right one are
    /// written under the record's ETag (the failure counted, the success stamped), so concurrent
    /// guesses cannot share an attempt and a right one read before the lockout cannot pass after it.
    /// Consumes nothing.
    /// </summary>
    Task<(PreAuthorizedCodeRedemption Result, PreAuthorizedCodeRecord? Record)> VerifyAsync(string code, string? transactionCode, IReadOnlyList<string> requestedConfigurationIds, int maxFailedAttempts, DateTimeOffset now, CancellationToken cancellationToken);
}

public sealed class PreAuthorizedCodeStore(IDaprStateStore state, TimeProvider time) : IPreAuthorizedCodeStore
{
    public Task StoreAsync(string code, PreAuthorizedCodeRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return state.SaveAsync(Key(code), record, record.ExpiresAt - time.GetUtcNow() + TimeSpan.FromMinutes(1), cancellationToken);
    }

    public async Task<(PreAuthorizedCodeRedemption Result, PreAuthorizedCodeRecord? Record)> VerifyAsync(string code, string? transactionCode, IReadOnlyList<string> requestedConfigurationIds, int maxFailedAttempts, DateTimeOffset now, CancellationToken cancellationToken)
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
            if (record.TransactionCodeHash is not null)
            {
                // The right code holds only if no failure was counted since the read: otherwise
                // read again, and the lockout check above sees the failures that came in between.
                var verified = record with { VerifiedAt = now };
                if (!await state.TrySaveAsync(key, verified, item.ETag, record.ExpiresAt - now + TimeSpan.FromMinutes(1), cancellationToken).ConfigureAwait(false))
                {
                    continue;
                }
                return (PreAuthorizedCodeRedemption.Verified, verified);
            }
            return (PreAuthorizedCodeRedemption.Verified, record);
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

/// <summary>An access token issued in a refresh token family, by the SHA-256 of the token.</summary>
public sealed record IssuedAccessToken(string TokenHash, DateTimeOffset ExpiresAt);

/// <summary>
/// A refresh token family (RFC 9700 section 4.14.2): one grant, renewed by a chain of rotated
/// refresh tokens of which only the latest is live. A rotated token presented again means two
/// parties hold the chain, so the family is revoked with its live refresh token and its access tokens.
/// Only a token the family really issued and rotated counts: the family id in a token is no secret
/// to whoever saw any token of the chain, so anything else naming the family is merely unknown.
/// </summary>
public sealed record RefreshTokenFamily
{
    /// <summary>What a refreshed access token grants (its <c>ExpiresAt</c> is set anew on each refresh).</summary>
    public required AccessTokenRecord Grant { get; init; }

    /// <summary>SHA-256 of the one refresh token of the family that is live.</summary>
    public required string CurrentTokenHash { get; init; }

    /// <summary>The end of the chain: rotation hands it on unchanged.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    public bool Revoked { get; init; }

    /// <summary>
    /// SHA-256 of the family's rotated refresh tokens, newest last, at most
    /// <see cref="MaxRotatedTokens"/>: presented again, one of them revokes the family. An older
    /// rotated token is only refused, as an unknown one is.
    /// </summary>
    public IReadOnlyList<string> RotatedTokenHashes { get; init; } = [];

    /// <summary>How many rotated refresh tokens a family remembers as reuse evidence.</summary>
    public const int MaxRotatedTokens = 32;

    /// <summary>True when <paramref name="tokenHash"/> is that of a refresh token this family issued and rotated since.</summary>
    public bool Rotated(string tokenHash) => RotatedTokenHashes.Any(hash => Secrets.FixedTimeEquals(hash, tokenHash));

    /// <summary>The family after its live token is rotated to the token with hash <paramref name="nextTokenHash"/>.</summary>
    public RefreshTokenFamily RotatedTo(string nextTokenHash) => this with
    {
        CurrentTokenHash = nextTokenHash,
        RotatedTokenHashes = [.. RotatedTokenHashes.Append(CurrentTokenHash).TakeLast(MaxRotatedTokens)],
    };

    /// <summary>The family's access tokens that may still be live, newest last: revoked with the family.</summary>
    public IReadOnlyList<IssuedAccessToken> AccessTokens { get; init; } = [];
}

/// <summary>
/// Refresh token families by id. A refresh token is <c>{family id}.{random}</c>: the family record,
/// kept until the chain ends, knows which token of the chain is live, so a rotated one is recognised
/// as reuse rather than as unknown. Rotation and revocation are writes under the family's ETag.
/// </summary>
public interface IRefreshTokenFamilyStore
{
    Task SaveAsync(string familyId, RefreshTokenFamily family, CancellationToken cancellationToken);

    Task<VersionedState<RefreshTokenFamily>?> FindAsync(string familyId, CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="next"/> if the family is still as <paramref name="read"/>; false when another request changed it first.</summary>
    Task<bool> TryAdvanceAsync(string familyId, VersionedState<RefreshTokenFamily> read, RefreshTokenFamily next, CancellationToken cancellationToken);

    /// <summary>Marks the family revoked; the family as it was (null when unknown).</summary>
    Task<RefreshTokenFamily?> RevokeAsync(string familyId, CancellationToken cancellationToken);

    Task DeleteAsync(string familyId, CancellationToken cancellationToken);
}

public sealed class RefreshTokenFamilyStore(IDaprStateStore state, TimeProvider time) : IRefreshTokenFamilyStore
{
    private static readonly TimeSpan Retention = TimeSpan.FromMinutes(1);

    /// <summary>A new refresh token of <paramref name="familyId"/>.</summary>
    public static string NewToken(string familyId) => familyId + "." + Secrets.NewHandle();

    /// <summary>The family a refresh token names, or null when it is not shaped like one of ours.</summary>
    public static string? FamilyOf(string refreshToken)
    {
        ArgumentNullException.ThrowIfNull(refreshToken);
        var dot = refreshToken.IndexOf('.', StringComparison.Ordinal);
        if (refreshToken.Length > Secrets.MaxHandleLength || dot is < 1 or > 64)
        {
            return null;
        }
        var familyId = refreshToken[..dot];
        return familyId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? familyId : null;
    }

    public Task SaveAsync(string familyId, RefreshTokenFamily family, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(family);
        return state.SaveAsync(Key(familyId), family, Ttl(family), cancellationToken);
    }

    public Task<VersionedState<RefreshTokenFamily>?> FindAsync(string familyId, CancellationToken cancellationToken) =>
        state.GetVersionedAsync<RefreshTokenFamily>(Key(familyId), cancellationToken);

    public Task<bool> TryAdvanceAsync(string familyId, VersionedState<RefreshTokenFamily> read, RefreshTokenFamily next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(next);
        return state.TrySaveAsync(Key(familyId), next, read.ETag, Ttl(next), cancellationToken);
    }

    public async Task<RefreshTokenFamily?> RevokeAsync(string familyId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 16; attempt++)
        {
            var current = await FindAsync(familyId, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return null;
            }
            if (current.Value.Revoked || await state.TrySaveAsync(Key(familyId), current.Value with { Revoked = true }, current.ETag, Ttl(current.Value), cancellationToken).ConfigureAwait(false))
            {
                return current.Value;
            }
        }
        throw new InvalidOperationException($"Refresh token family {familyId} kept changing under concurrent updates.");
    }

    public Task DeleteAsync(string familyId, CancellationToken cancellationToken) => state.DeleteAsync(Key(familyId), cancellationToken);

    // Kept until the chain ends, so a rotated token is recognised for as long as it could have been used.
    private TimeSpan Ttl(RefreshTokenFamily family)
    {
        var ttl = family.ExpiresAt - time.GetUtcNow() + Retention;
        return ttl > TimeSpan.Zero ? ttl : Retention;
    }

    private static string Key(string familyId) => "refresh-family:" + familyId;
}

public interface IAccessTokenStore
{
    Task StoreAsync(string accessToken, AccessTokenRecord record, CancellationToken cancellationToken);

    Task<AccessTokenRecord?> FindAsync(string accessToken, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the records of the access tokens with these SHA-256 hashes and forgets them here.
    /// Other replicas may still accept one they cached until it expires.
    /// </summary>
    Task RevokeAsync(IReadOnlyCollection<string> tokenHashes, CancellationToken cancellationToken);
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

    public async Task RevokeAsync(IReadOnlyCollection<string> tokenHashes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokenHashes);
        foreach (var hash in tokenHashes)
        {
            _cache.Remove(Prefix + hash);
        }
        await Task.WhenAll(tokenHashes.Select(hash => state.DeleteAsync(Prefix + hash, cancellationToken))).ConfigureAwait(false);
    }

    private void Remember(string key, AccessTokenRecord record) =>
        _cache.Set(key, record, new Microsoft.Extensions.Caching.Memory.MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = record.ExpiresAt });

    private const string Prefix = "access-token:";

    private static string Key(string accessToken) => Prefix + Secrets.Hash(accessToken);

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
