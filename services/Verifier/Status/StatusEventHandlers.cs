using GaiaX.Oid4vc.Dapr.Events;
using GaiaX.Oid4vc.Verifier.Requests;

namespace GaiaX.Oid4vc.Verifier.Status;

/// <summary>
/// Completes a request's status with what happens after verification: the compliance engine's
/// assessment (<c>compliance-assessed</c>) and the Issuer's offer of the label credential
/// (<c>offer-created</c>).
/// </summary>
public static class StatusEventHandlers
{
    public static IEndpointRouteBuilder MapStatusEventSubscriptions(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapIntegrationEvent<ComplianceAssessed>("/events/compliance-assessed", OnComplianceAssessedAsync);
        endpoints.MapIntegrationEvent<OfferCreated>("/events/offer-created", OnOfferCreatedAsync);
        return endpoints;
    }

    // May arrive twice (at-least-once delivery): the guard runs the update once per event id, and the
    // update itself only sets a value, so even a repeated run leaves the same status.
    private static async Task<IntegrationEventResult> OnComplianceAssessedAsync(
        ComplianceAssessed assessed,
        IIdempotencyGuard guard,
        IPresentationRequestStore store,
        PresentationStatusNotifier notifier,
        CancellationToken cancellationToken
    )
    {
        var outcome = await guard
            .RunOnceAsync(
                "verifier-compliance-assessed",
                assessed.Id,
                ct =>
                    UpdateAsync(
                        store,
                        notifier,
                        assessed.RequestId,
                        request =>
                            request with
                            {
                                Compliance = new ComplianceOutcome
                                {
                                    Compliant = assessed.Compliant,
                                    Reasons = assessed.Failures.Count > 0 ? assessed.Failures : null,
                                    LabelCredential = assessed.LabelCredential,
                                    AssessedAt = assessed.CreationDate,
                                },
                            },
                        ct
                    ),
                cancellationToken
            )
            .ConfigureAwait(false);
        return outcome.ToResult();
    }

    // May arrive twice (at-least-once delivery): see above.
    private static async Task<IntegrationEventResult> OnOfferCreatedAsync(
        OfferCreated offer,
        IIdempotencyGuard guard,
        IPresentationRequestStore store,
        PresentationStatusNotifier notifier,
        CancellationToken cancellationToken
    )
    {
        var outcome = await guard
            .RunOnceAsync(
                "verifier-offer-created",
                offer.Id,
                ct =>
                    UpdateAsync(
                        store,
                        notifier,
                        offer.RequestId,
                        request =>
                            request with
                            {
                                Offer = new LabelCredentialOffer
                                {
                                    OfferId = offer.OfferId,
                                    CredentialOfferUri = offer.OfferUri,
                                    CreatedAt = offer.CreationDate,
                                },
                            },
                        ct
                    ),
                cancellationToken
            )
            .ConfigureAwait(false);
        return outcome.ToResult();
    }

    /// <summary>
    /// Compare-and-swap until the change sticks, then tells the relying party; an unknown (or expired) request is
    /// not ours to complete.
    /// </summary>
    private static async Task UpdateAsync(
        IPresentationRequestStore store,
        PresentationStatusNotifier notifier,
        string requestId,
        Func<PresentationRequest, PresentationRequest> change,
        CancellationToken cancellationToken
    )
    {
        for (var attempt = 0; attempt < 16; attempt++)
        {
            var stored = await store.GetAsync(requestId, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                return;
            }
            var changed = change(stored.Request);
            if (await store.TryReplaceAsync(changed, stored.ETag, cancellationToken).ConfigureAwait(false))
            {
                notifier.Changed(changed);
                return;
            }
        }
        throw new InvalidOperationException($"Presentation request {requestId} kept changing; the event will be redelivered.");
    }
}
