using GaiaX.Oid4vc.Compliance.Filters;
using GaiaX.Oid4vc.Compliance.Labels;
using GaiaX.Oid4vc.Compliance.Registry;
using GaiaX.Oid4vc.Dapr.Events;

namespace GaiaX.Oid4vc.Compliance.Events;

/// <summary>
/// Runs the full chain on a verified presentation and publishes <c>compliance-assessed</c> with the
/// label credential or the failures. May arrive twice (at-least-once delivery): the idempotency
/// guard keys the effect on the event id, so one verdict (and one label) is published per event.
/// </summary>
public sealed class PresentationVerifiedHandler(
    ComplianceFilterChain chain,
    LabelCredentialIssuer labels,
    IEventBus bus,
    IIdempotencyGuard once,
    ILogger<PresentationVerifiedHandler> logger
)
{
    public async Task<IntegrationEventResult> HandleAsync(PresentationVerified verified, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(verified);
        try
        {
            var outcome = await once.RunOnceAsync(
                    "compliance:presentation-verified",
                    verified.Id,
                    async ct =>
                    {
                        // The presentations of one OpenID4VP response are judged together: a LegalPerson in one
                        // and its registration number in another still belong to the same participant.
                        var merged =
                            verified.Presentations.Count == 0
                                ? new ComplianceAssessment(
                                    ComplianceScope.Presentation,
                                    default,
                                    [
                                        new ComplianceFailure(
                                            ComplianceContext.PresentationLabel,
                                            "Parse",
                                            "The event carries a presentation",
                                            "The presentation-verified event carries no presentation."
                                        ),
                                    ],
                                    [],
                                    null
                                )
                                : await chain.AssessAsync(ComplianceScope.Presentation, verified.Presentations, ct).ConfigureAwait(false);
                        var label = merged.IsCompliant ? await labels.IssueAsync(merged, vcid: null, ct).ConfigureAwait(false) : null;
                        await bus.PublishAsync(
                                new ComplianceAssessed(
                                    verified.RequestId,
                                    label is not null,
                                    label,
                                    ComplianceEvents.Describe(merged.Failures)
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
        catch (GaiaXRegistryUnavailableException e)
        {
            logger.LogWarning(
                e,
                "Presentation of request {RequestId} not assessed: the registry is unavailable; asking for redelivery",
                verified.RequestId
            );
            return IntegrationEventResult.Retry;
        }
    }
}
