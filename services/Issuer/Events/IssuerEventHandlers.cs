using GaiaX.Oid4vc.Dapr.Events;
using GaiaX.Oid4vc.Issuer.Credentials;
using GaiaX.Oid4vc.Issuer.Metadata;
using GaiaX.Oid4vc.Issuer.Offers;
using GaiaX.Oid4vc.Issuer.Protocol;
using GaiaX.Oid4vc.Credentials;

namespace GaiaX.Oid4vc.Issuer.Events;

/// <summary>The Issuer's subscriptions: prepared credentials, their assessment, and compliance outcomes.</summary>
public static class IssuerEventHandlers
{
    public static void MapIssuerEventHandlers(this IEndpointRouteBuilder routes)
    {
        routes.MapIntegrationEvent<CredentialPrepared>("/events/credential-prepared", (CredentialPrepared e, CredentialPreparedHandler handler, CancellationToken ct) => handler.HandleAsync(e, ct));
        routes.MapIntegrationEvent<CredentialAssessed>("/events/credential-assessed", (CredentialAssessed e, CredentialAssessedHandler handler, CancellationToken ct) => handler.HandleAsync(e, ct));
        routes.MapIntegrationEvent<ComplianceAssessed>("/events/compliance-assessed", (ComplianceAssessed e, ComplianceAssessedHandler handler, CancellationToken ct) => handler.HandleAsync(e, ct));
    }
}

/// <summary>
/// Stores a credential the Notary prepared for an offer; it waits for Compliance's verdict.
/// Idempotent: storing the same credential twice leaves the same state (at-least-once delivery).
/// </summary>
public sealed class CredentialPreparedHandler(IOfferStore offers, IPreparedCredentialStore prepared, CredentialConfigurationCatalog catalog)
{
    public async Task<IResult> HandleAsync(CredentialPrepared preparedEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(preparedEvent);
        var configuration = catalog.Find(preparedEvent.CredentialConfigurationId);
        if (configuration is null || configuration.Preparation == CredentialPreparation.IssuerSigned || string.IsNullOrEmpty(preparedEvent.Credential))
        {
            // Not ours to deliver (or malformed): redelivery cannot fix it.
            return IntegrationEventResults.Drop();
        }
        if (await offers.FindAsync(preparedEvent.OfferId, cancellationToken).ConfigureAwait(false) is null)
        {
            return IntegrationEventResults.Drop();
        }
        var needsAssessment = configuration.Preparation == CredentialPreparation.Notary;
        await prepared.AddCredentialAsync(preparedEvent.OfferId, preparedEvent.CredentialConfigurationId, new PreparedCredential(preparedEvent.Credential, preparedEvent.Format, needsAssessment), cancellationToken).ConfigureAwait(false);
        return IntegrationEventResults.Success();
    }
}

/// <summary>
/// Records Compliance's verdict on an offer's prepared credentials; a rejection fails the offer
/// with its reasons. Idempotent: the same verdict recorded twice is the same state.
/// </summary>
public sealed class CredentialAssessedHandler(IOfferStore offers, IPreparedCredentialStore prepared)
{
    public async Task<IResult> HandleAsync(CredentialAssessed assessed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assessed);
        if (await offers.FindAsync(assessed.OfferId, cancellationToken).ConfigureAwait(false) is null)
        {
            return IntegrationEventResults.Drop();
        }
        await prepared.SetAssessmentAsync(assessed.OfferId, assessed.Accepted, assessed.Reasons ?? [], cancellationToken).ConfigureAwait(false);
        if (!assessed.Accepted)
        {
            var reason = assessed.Reasons is { Count: > 0 } reasons ? string.Join("; ", reasons) : "the credential did not pass the compliance assessment";
            await offers.SetStatusAsync(assessed.OfferId, OfferStatus.Failed, reason, cancellationToken).ConfigureAwait(false);
        }
        return IntegrationEventResults.Success();
    }
}

/// <summary>
/// Turns a positive compliance assessment into an offer for the label credential and publishes
/// <c>offer-created</c>. The offer id derives from the event id, and the effect runs once per event
/// id (idempotency guard), because pub/sub may deliver the event twice.
/// </summary>
public sealed class ComplianceAssessedHandler(OfferService offers, CredentialConfigurationCatalog catalog, IIdempotencyGuard guard, IEventBus events, IssuerEndpoints endpoints)
{
    public async Task<IResult> HandleAsync(ComplianceAssessed assessed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assessed);
        if (!assessed.Compliant || string.IsNullOrEmpty(assessed.LabelCredential))
        {
            return IntegrationEventResults.Success();
        }
        var configurationId = catalog.All.FirstOrDefault(pair => pair.Value.Preparation == CredentialPreparation.Compliance).Key;
        if (configurationId is null)
        {
            return IntegrationEventResults.Drop();
        }
        var outcome = await guard.RunOnceAsync(nameof(ComplianceAssessedHandler), assessed.Id, async ct =>
        {
            var offerId = "label-" + assessed.Id.ToString("N");
            var request = new CreateOfferRequest { CredentialConfigurationIds = [configurationId] };
            var created = await offers.CreateAsync(request, ct, offerId, new Dictionary<string, PreparedCredential>(StringComparer.Ordinal)
            {
                [configurationId] = new PreparedCredential(assessed.LabelCredential, CredentialFormats.JwtVcJson, NeedsAssessment: false),
            }).ConfigureAwait(false);
            await events.PublishAsync(new OfferCreated(assessed.RequestId, created.Offer.Id, OfferEndpoints.ByReference(endpoints.OfferUri(created.Offer.Id))), ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return outcome.ToResult();
    }
}
