using GaiaX.Oid4vc.Compliance.Filters;
using GaiaX.Oid4vc.Compliance.Registry;
using GaiaX.Oid4vc.Dapr.Events;

namespace GaiaX.Oid4vc.Compliance.Events;

/// <summary>
/// Checks a prepared credential before the Issuer releases it. May arrive twice (at-least-once
/// delivery): the idempotency guard keys the effect on the event id, so the assessment is published once.
/// </summary>
public sealed class CredentialPreparedHandler(
    ComplianceFilterChain chain,
    IEventBus bus,
    IIdempotencyGuard once,
    ILogger<CredentialPreparedHandler> logger
)
{
    public async Task<IntegrationEventResult> HandleAsync(CredentialPrepared prepared, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        if (prepared.Credential.Contains('~', StringComparison.Ordinal))
        {
            // The chain reads VC-JWTs (what the Notary prepares and the Issuer waits a verdict for).
            // An SD-JWT VC is the Issuer's own: no verdict is published, so none is mistaken for a rejection.
            logger.LogInformation(
                "Credential for offer {OfferId} is an SD-JWT ({Format}); not assessed by the VC-JWT filter chain",
                prepared.OfferId,
                prepared.Format
            );
            return IntegrationEventResult.Success;
        }
        try
        {
            var outcome = await once.RunOnceAsync(
                    "compliance:credential-prepared",
                    prepared.Id,
                    async ct =>
                    {
                        var assessment = await chain.AssessAsync(ComplianceScope.Credential, prepared.Credential, ct).ConfigureAwait(false);
                        var reasons = ComplianceEvents.Describe(assessment.Failures);
                        await bus.PublishAsync(new CredentialAssessed(prepared.OfferId, reasons.Count == 0, reasons), ct)
                            .ConfigureAwait(false);
                    },
                    cancellationToken
                )
                .ConfigureAwait(false);
            return outcome.ToResult();
        }
        catch (GaiaXRegistryUnavailableException e)
        {
            // No verdict without the registry: let the sidecar redeliver later.
            logger.LogWarning(
                e,
                "Credential for offer {OfferId} not assessed: the registry is unavailable; asking for redelivery",
                prepared.OfferId
            );
            return IntegrationEventResult.Retry;
        }
    }
}
