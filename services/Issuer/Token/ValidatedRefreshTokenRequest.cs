using GaiaX.Oid4vc.Dapr.State;

namespace GaiaX.Oid4vc.Issuer.Token;

/// <summary>
/// A valid refresh token request: the family of the live refresh token as read (rotation is
/// conditional on its ETag) and the <c>scope</c> that narrows the new access token (empty for all).
/// </summary>
public sealed record ValidatedRefreshTokenRequest(string FamilyId, VersionedState<RefreshTokenFamily> Family, string Scope, string? DpopJkt)
    : ValidatedTokenRequest(DpopJkt);
