using GaiaX.Oid4vc.Dapr.Events;
using GaiaX.Oid4vc.Issuer.Credentials;
using GaiaX.Oid4vc.Issuer.Offers;

namespace GaiaX.Oid4vc.Issuer.Events;

/// <summary>
/// Records Compliance's verdict on an offer's prepared credentials; a rejection fails the offer
/// with its reasons. Idempotent: the same verdict recorded twice is the same state.
/// </summary>
public sealed class CredentialAssessedHandler(IOfferStore offers, IPreparedCredentialStore prepared)
{
    public async Task<IntegrationEventResult> HandleAsync(CredentialAssessed assessed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assessed);
        if (await offers.FindAsync(assessed.OfferId, cancellationToken).ConfigureAwait(false) is null)
        {
            return IntegrationEventResult.Drop;
        }
        await prepared
            .SetAssessmentAsync(assessed.OfferId, assessed.Accepted, assessed.Reasons ?? [], cancellationToken)
            .ConfigureAwait(false);
        if (!assessed.Accepted)
        {
            var reason = assessed.Reasons is { Count: > 0 } reasons
                ? string.Join("; ", reasons)
                : "the credential did not pass the compliance assessment";
            await offers.SetStatusAsync(assessed.OfferId, OfferStatus.Failed, reason, cancellationToken).ConfigureAwait(false);
        }
        return IntegrationEventResult.Success;
    }
}
