using GaiaX.Oid4vc.Compliance.Filters;
using GaiaX.Oid4vc.Compliance.Labels;
using GaiaX.Oid4vc.Compliance.Registry;
using GaiaX.Oid4vc.Dapr.Events;

namespace GaiaX.Oid4vc.Compliance.Events;

/// <summary>
/// The Compliance service's subscriptions: <c>credential-prepared</c> (check a credential before the
/// Issuer releases it → <c>credential-assessed</c>) and <c>presentation-verified</c> (the full chain
/// → <c>compliance-assessed</c> with the label credential or the failures).
/// </summary>
public static class ComplianceEvents
{
    public const string CredentialPreparedRoute = "/events/credential-prepared";
    public const string PresentationVerifiedRoute = "/events/presentation-verified";

    public static IEndpointRouteBuilder MapComplianceEvents(this IEndpointRouteBuilder routes)
    {
        routes.MapIntegrationEvent<CredentialPrepared>(CredentialPreparedRoute,
            (CredentialPrepared e, CredentialPreparedHandler handler, CancellationToken ct) => handler.HandleAsync(e, ct));
        routes.MapIntegrationEvent<PresentationVerified>(PresentationVerifiedRoute,
            (PresentationVerified e, PresentationVerifiedHandler handler, CancellationToken ct) => handler.HandleAsync(e, ct));
        return routes;
    }

    /// <summary>One line per failure, as the events carry them: <c>credential [Filter] message</c>.</summary>
    internal static IReadOnlyList<string> Describe(IEnumerable<ComplianceFailure> failures) =>
        failures.Select(f => $"{f.CredentialId} [{f.Filter}] {f.Message}").ToArray();
}

/// <summary>
/// Checks a prepared credential before the Issuer releases it. May arrive twice (at-least-once
/// delivery): the idempotency guard keys the effect on the event id, so the assessment is published once.
/// </summary>
public sealed class CredentialPreparedHandler(ComplianceFilterChain chain, IEventBus bus, IIdempotencyGuard once, ILogger<CredentialPreparedHandler> logger)
{
    public async Task<IResult> HandleAsync(CredentialPrepared prepared, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        if (prepared.Credential.Contains('~', StringComparison.Ordinal))
        {
            // The chain reads VC-JWTs (what the Notary prepares and the Issuer waits a verdict for).
            // An SD-JWT VC is the Issuer's own: no verdict is published, so none is mistaken for a rejection.
            logger.LogInformation("Credential for offer {OfferId} is an SD-JWT ({Format}); not assessed by the VC-JWT filter chain", prepared.OfferId, prepared.Format);
            return IntegrationEventResults.Success();
        }
        try
        {
            var outcome = await once.RunOnceAsync("compliance:credential-prepared", prepared.Id, async ct =>
            {
                var assessment = await chain.AssessAsync(ComplianceScope.Credential, prepared.Credential, ct).ConfigureAwait(false);
                var reasons = ComplianceEvents.Describe(assessment.Failures);
                await bus.PublishAsync(new CredentialAssessed(prepared.OfferId, reasons.Count == 0, reasons), ct).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
            return outcome.ToResult();
        }
        catch (GaiaXRegistryUnavailableException e)
        {
            // No verdict without the registry: let the sidecar redeliver later.
            logger.LogWarning(e, "Credential for offer {OfferId} not assessed: the registry is unavailable; asking for redelivery", prepared.OfferId);
            return IntegrationEventResults.Retry();
        }
    }
}

/// <summary>
/// Runs the full chain on a verified presentation and publishes <c>compliance-assessed</c> with the
/// label credential or the failures. May arrive twice (at-least-once delivery): the idempotency
/// guard keys the effect on the event id, so one verdict (and one label) is published per event.
/// </summary>
public sealed class PresentationVerifiedHandler(ComplianceFilterChain chain, LabelCredentialIssuer labels, IEventBus bus, IIdempotencyGuard once, ILogger<PresentationVerifiedHandler> logger)
{
    public async Task<IResult> HandleAsync(PresentationVerified verified, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(verified);
        try
        {
            var outcome = await once.RunOnceAsync("compliance:presentation-verified", verified.Id, async ct =>
            {
                // The presentations of one OpenID4VP response are judged together: a LegalPerson in one
                // and its registration number in another still belong to the same participant.
                var merged = verified.Presentations.Count == 0
                    ? new ComplianceAssessment(ComplianceScope.Presentation, default,
                        [new ComplianceFailure(ComplianceContext.PresentationLabel, "Parse", "The event carries a presentation", "The presentation-verified event carries no presentation.")], [], null)
                    : await chain.AssessAsync(ComplianceScope.Presentation, verified.Presentations, ct).ConfigureAwait(false);
                var label = merged.IsCompliant ? labels.Issue(merged, vcid: null) : null;
                await bus.PublishAsync(new ComplianceAssessed(verified.RequestId, label is not null, label, ComplianceEvents.Describe(merged.Failures)), ct).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
            return outcome.ToResult();
        }
        catch (GaiaXRegistryUnavailableException e)
        {
            logger.LogWarning(e, "Presentation of request {RequestId} not assessed: the registry is unavailable; asking for redelivery", verified.RequestId);
            return IntegrationEventResults.Retry();
        }
    }
}
