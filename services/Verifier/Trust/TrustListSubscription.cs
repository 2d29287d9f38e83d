using GaiaX.Oid4vc.Dapr.Events;

namespace GaiaX.Oid4vc.Verifier.Trust;

/// <summary>
/// The Verifier's subscription to <c>trust-list-changed</c>, the Registry's trust list. Mapped whether or not the
/// Verifier follows it (the deployment declares one subscription; a Verifier that does not follow acknowledges and
/// ignores the list). Like every event route only the sidecar may call it.
/// </summary>
public static class TrustListSubscription
{
    public const string Route = "/events/trust-list-changed";

    public static IEndpointRouteBuilder MapTrustListSubscription(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapIntegrationEvent<TrustListChanged>(Route, OnTrustListChangedAsync);
        return endpoints;
    }

    // May arrive twice, late or out of order (at-least-once delivery, and the Registry republishes its list): versions
    // only go up, so a repeated or older list changes nothing. A state store that fails while the list is stored throws,
    // which answers the sidecar 503: it delivers again. A list that can never be applied is dropped (and logged).
    private static async Task<IntegrationEventResult> OnTrustListChangedAsync(
        TrustListChanged changed,
        TrustListFollower trust,
        CancellationToken cancellationToken
    ) =>
        await trust.ApplyAsync(changed, cancellationToken).ConfigureAwait(false) == TrustListApplyOutcome.Malformed
            ? IntegrationEventResult.Drop
            : IntegrationEventResult.Success;
}
