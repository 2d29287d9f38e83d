using GaiaX.Oid4vc.Compliance.Filters;
using GaiaX.Oid4vc.Dapr.Events;

namespace GaiaX.Oid4vc.Compliance.Events;

/// <summary>
/// The Compliance service's subscriptions: <c>credential-prepared</c> (check a credential before the
/// Issuer releases it → <c>credential-assessed</c>) and <c>presentation-verified</c> (the full chain
/// → <c>compliance-assessed</c> with the label credential or the failures) and <c>trust-list-changed</c> (the Registry's
/// trust list changed: cached registry answers are dropped).
/// </summary>
public static class ComplianceEvents
{
    public const string CredentialPreparedRoute = "/events/credential-prepared";
    public const string PresentationVerifiedRoute = "/events/presentation-verified";
    public const string TrustListChangedRoute = "/events/trust-list-changed";

    public static IEndpointRouteBuilder MapComplianceEvents(this IEndpointRouteBuilder routes)
    {
        routes.MapIntegrationEvent<CredentialPrepared>(
            CredentialPreparedRoute,
            (CredentialPrepared e, CredentialPreparedHandler handler, CancellationToken ct) => handler.HandleAsync(e, ct)
        );
        routes.MapIntegrationEvent<PresentationVerified>(
            PresentationVerifiedRoute,
            (PresentationVerified e, PresentationVerifiedHandler handler, CancellationToken ct) => handler.HandleAsync(e, ct)
        );
        routes.MapIntegrationEvent<TrustListChanged>(
            TrustListChangedRoute,
            (TrustListChanged e, TrustListChangedHandler handler, CancellationToken ct) => handler.HandleAsync(e, ct)
        );
        return routes;
    }

    /// <summary>One line per failure, as the events carry them: <c>credential [Filter] message</c>.</summary>
    internal static IReadOnlyList<string> Describe(IEnumerable<ComplianceFailure> failures) =>
        failures.Select(f => $"{f.CredentialId} [{f.Filter}] {f.Message}").ToArray();
}
