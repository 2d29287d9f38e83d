using System.Text.Json.Serialization;
using GaiaX.Oid4vc.Issuer.Metadata;

namespace GaiaX.Oid4vc.Issuer.Offers;

/// <summary>
/// The grants of a credential offer: always the pre-authorized code, the authorization code only without a
/// transaction code.
/// </summary>
public sealed record CredentialOfferGrants(
    [property: JsonPropertyName(GrantTypes.PreAuthorizedCode)] PreAuthorizedCodeGrant PreAuthorizedCode,
    [property: JsonPropertyName(GrantTypes.AuthorizationCode)] AuthorizationCodeGrant? AuthorizationCode
);
