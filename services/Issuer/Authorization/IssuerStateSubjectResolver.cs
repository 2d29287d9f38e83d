using System.Security.Claims;
using GaiaX.Oid4vc.Issuer.Offers;

namespace GaiaX.Oid4vc.Issuer.Authorization;

/// <summary>
/// The default resolver: the <c>issuer_state</c> from a credential offer identifies the offer, and
/// thus the subject and its claims. The approved configurations are those requested that the offer
/// contains. Without a live offer the request is denied (<c>access_denied</c>), and so is the
/// <c>issuer_state</c> of an offer that asks for a transaction code or was redeemed already: the
/// <c>issuer_state</c> is as public as the offer, and nothing here authenticates the End-User.
/// </summary>
public sealed class IssuerStateSubjectResolver(IOfferStore offers, TimeProvider time) : IAuthorizationSubjectResolver
{
    public async Task<AuthorizationDecision> ResolveAsync(
        AuthorizationRequest request,
        ClaimsPrincipal user,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.IssuerState is null)
        {
            return AuthorizationDecision.Deny("no issuer_state: start from a credential offer of this issuer");
        }
        var offer = await offers.FindByIssuerStateAsync(request.IssuerState, cancellationToken).ConfigureAwait(false);
        if (offer is null || offer.Redeemed || offer.EffectiveStatus(time.GetUtcNow()) != OfferStatus.Offered)
        {
            return AuthorizationDecision.Deny("the issuer_state does not belong to a live credential offer");
        }
        if (!offer.AuthorizationCodeGrantAllowed)
        {
            return AuthorizationDecision.Deny("this offer requires its transaction code: redeem it with the pre-authorized code grant");
        }
        var approved = request
            .AuthorizationDetailIds.Concat(request.ScopeIds)
            .Where(id => offer.CredentialConfigurationIds.Contains(id, StringComparer.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        return approved.Length == 0
            ? AuthorizationDecision.Deny("none of the requested credential configurations is in the offer")
            : new AuthorizationDecision(true, offer.Id, approved, null);
    }
}
