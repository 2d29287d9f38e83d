using GaiaX.Oid4vc.Issuer.Protocol;

namespace GaiaX.Oid4vc.Issuer.Token;

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
    public RefreshTokenFamily RotatedTo(string nextTokenHash) =>
        this with
        {
            CurrentTokenHash = nextTokenHash,
            RotatedTokenHashes = [.. RotatedTokenHashes.Append(CurrentTokenHash).TakeLast(MaxRotatedTokens)],
        };

    /// <summary>The family's access tokens that may still be live, newest last: revoked with the family.</summary>
    public IReadOnlyList<IssuedAccessToken> AccessTokens { get; init; } = [];
}
