using GaiaX.Oid4vc.Dapr.State;
using GaiaX.Oid4vc.Issuer.Offers;

namespace GaiaX.Oid4vc.Issuer.Token;

/// <summary>
/// A valid pre-authorized code or authorization code request: the first token response of a grant.
/// <see cref="Offer"/> is the offer the grant spends, as read (its ETag makes the redemption
/// conditional), or null for an authorization code without an offer.
/// </summary>
public sealed record ValidatedCodeGrantRequest(
    VersionedState<OfferRecord>? Offer,
    IReadOnlyList<string> CredentialConfigurationIds,
    bool WithAuthorizationDetails,
    string? ClientId,
    string? DpopJkt
) : ValidatedTokenRequest(DpopJkt)
{
    /// <summary>How the client authenticated (<see cref="Clients.ClientAuthenticationMethods"/>).</summary>
    public string ClientAuthentication { get; init; } = Clients.ClientAuthenticationMethods.None;
}
