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
        try
        {
            var outcome = await once.RunOnceAsync("compliance:credential-prepared", prepared.Id, async ct =>
            {
                IReadOnlyList<string> reasons;
                if (prepared.Credential.Contains('~', StringComparison.Ordinal))
                {
                    // The filter chain reads VC-JWTs; an SD-JWT VC is not assessed, and is not passed either.
                    reasons = [$"credential [Parse] The {prepared.Format} credential is an SD-JWT; the compliance filter chain assesses VC-JWTs only."];
                }
                else
                {
                    var assessment = await chain.AssessAsync(ComplianceScope.Credential, prepared.Credential, ct).ConfigureAwait(false);
                    reasons = ComplianceEvents.Describe(assessment.Failures);
                }
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
                var assessments = new List<ComplianceAssessment>();
                foreach (var presentation in verified.Presentations)
                {
                    assessments.Add(await chain.AssessAsync(ComplianceScope.Presentation, presentation, ct).ConfigureAwait(false));
                }
                var failures = assessments.SelectMany(a => a.Failures).ToList();
                if (assessments.Count == 0)
                {
                    failures.Add(new ComplianceFailure(ComplianceContext.PresentationLabel, "Parse", "The event carries a presentation", "The presentation-verified event carries no presentation."));
                }
                var merged = new ComplianceAssessment(ComplianceScope.Presentation, assessments.FirstOrDefault()?.AssessedAt ?? default,
                    failures, assessments.SelectMany(a => a.Credentials).ToArray(), assessments.FirstOrDefault()?.Holder);

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
