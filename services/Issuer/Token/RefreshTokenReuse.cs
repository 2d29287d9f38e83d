using GaiaX.Oid4vc.Credentials.Protocol;

namespace GaiaX.Oid4vc.Issuer.Token;

/// <summary>
/// What a rotated refresh token presented again costs, whether the validator recognises it or a
/// request loses the race to rotate it: two parties hold it, so its family is revoked with the
/// access tokens it issued (RFC 9700 section 4.14.2).
/// </summary>
public static class RefreshTokenReuse
{
    /// <summary>Revokes the family and its access tokens; the error to answer with.</summary>
    public static async Task<ProtocolError> RevokeFamilyAsync(
        IRefreshTokenFamilyStore families,
        IAccessTokenStore accessTokens,
        string familyId,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(families);
        ArgumentNullException.ThrowIfNull(accessTokens);
        var family = await families.RevokeAsync(familyId, cancellationToken).ConfigureAwait(false);
        if (family is not null)
        {
            await accessTokens.RevokeAsync(family.AccessTokens.Select(t => t.TokenHash).ToList(), cancellationToken).ConfigureAwait(false);
        }
        return new ProtocolError(ErrorCodes.InvalidGrant, "the refresh token was used already; the grant is revoked");
    }
}
