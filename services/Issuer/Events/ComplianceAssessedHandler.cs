using GaiaX.Oid4vc.Credentials;
using GaiaX.Oid4vc.Dapr.Events;
using GaiaX.Oid4vc.Issuer.Credentials;
using GaiaX.Oid4vc.Issuer.Metadata;
using GaiaX.Oid4vc.Issuer.Offers;

namespace GaiaX.Oid4vc.Issuer.Events;

/// <summary>
/// Turns a positive compliance assessment into an offer for the label credential and publishes
/// <c>offer-created</c>. The offer id derives from the event id, and the effect runs once per event
/// id (idempotency guard), because pub/sub may deliver the event twice.
/// </summary>
public sealed class ComplianceAssessedHandler(
    CredentialOfferGenerator offers,
    CredentialConfigurationCatalog catalog,
    IIdempotencyGuard guard,
    IEventBus events,
    IssuerEndpoints endpoints
)
{
    public async Task<IntegrationEventResult> HandleAsync(ComplianceAssessed assessed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assessed);
        if (!assessed.Compliant || string.IsNullOrEmpty(assessed.LabelCredential))
        {
            return IntegrationEventResult.Success;
        }
        var configurationId = catalog.All.FirstOrDefault(pair => pair.Value.Preparation == CredentialPreparation.Compliance).Key;
        if (configurationId is null)
        {
            return IntegrationEventResult.Drop;
        }
        var outcome = await guard
            .RunOnceAsync(
                nameof(ComplianceAssessedHandler),
                assessed.Id,
                async ct =>
                {
                    var offerId = "label-" + assessed.Id.ToString("N");
                    var request = new CreateOfferRequest { CredentialConfigurationIds = [configurationId] };
                    var created = await offers
                        .CreateAsync(
                            request,
                            ct,
                            offerId,
                            new Dictionary<string, PreparedCredential>(StringComparer.Ordinal)
                            {
                                [configurationId] = new PreparedCredential(
                                    assessed.LabelCredential,
                                    CredentialFormats.JwtVcJson,
                                    NeedsAssessment: false
                                ),
                            }
                        )
                        .ConfigureAwait(false);
                    await events
                        .PublishAsync(
                            new OfferCreated(
                                assessed.RequestId,
                                created.Offer.Id,
                                OfferEndpoints.ByReference(endpoints.OfferUri(created.Offer.Id))
                            ),
                            ct
                        )
                        .ConfigureAwait(false);
                },
                cancellationToken
            )
            .ConfigureAwait(false);
        return outcome.ToResult();
    }
}
