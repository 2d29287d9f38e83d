using GaiaX.Oid4vc.Dapr.Events;
using GaiaX.Oid4vc.Issuer.Credentials;
using GaiaX.Oid4vc.Issuer.Metadata;
using GaiaX.Oid4vc.Issuer.Offers;

namespace GaiaX.Oid4vc.Issuer.Events;

/// <summary>
/// Stores a credential the Notary prepared for an offer; it waits for Compliance's verdict.
/// Idempotent: storing the same credential twice leaves the same state (at-least-once delivery).
/// </summary>
public sealed class CredentialPreparedHandler(IOfferStore offers, IPreparedCredentialStore prepared, CredentialConfigurationCatalog catalog)
{
    public async Task<IntegrationEventResult> HandleAsync(CredentialPrepared preparedEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(preparedEvent);
        var configuration = catalog.Find(preparedEvent.CredentialConfigurationId);
        if (
            configuration is null
            || configuration.Preparation == CredentialPreparation.IssuerSigned
            || string.IsNullOrEmpty(preparedEvent.Credential)
        )
        {
            // Not ours to deliver (or malformed): redelivery cannot fix it.
            return IntegrationEventResult.Drop;
        }
        if (await offers.FindAsync(preparedEvent.OfferId, cancellationToken).ConfigureAwait(false) is null)
        {
            return IntegrationEventResult.Drop;
        }
        var needsAssessment = configuration.Preparation == CredentialPreparation.Notary;
        await prepared
            .AddCredentialAsync(
                preparedEvent.OfferId,
                preparedEvent.CredentialConfigurationId,
                new PreparedCredential(preparedEvent.Credential, preparedEvent.Format, needsAssessment),
                cancellationToken
            )
            .ConfigureAwait(false);
        return IntegrationEventResult.Success;
    }
}
