using GaiaX.Oid4vc.Dapr.Events;

namespace GaiaX.Oid4vc.Issuer.Events;

/// <summary>The Issuer's subscriptions: prepared credentials, their assessment, and compliance outcomes.</summary>
public static class IssuerEventHandlers
{
    public static void MapIssuerEventHandlers(this IEndpointRouteBuilder routes)
    {
        routes.MapIntegrationEvent<CredentialPrepared>(
            "/events/credential-prepared",
            (CredentialPrepared e, CredentialPreparedHandler handler, CancellationToken ct) => handler.HandleAsync(e, ct)
        );
        routes.MapIntegrationEvent<CredentialAssessed>(
            "/events/credential-assessed",
            (CredentialAssessed e, CredentialAssessedHandler handler, CancellationToken ct) => handler.HandleAsync(e, ct)
        );
        routes.MapIntegrationEvent<ComplianceAssessed>(
            "/events/compliance-assessed",
            (ComplianceAssessed e, ComplianceAssessedHandler handler, CancellationToken ct) => handler.HandleAsync(e, ct)
        );
    }
}
