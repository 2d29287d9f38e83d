using GaiaX.Oid4vc.Dapr.Events;
using GaiaX.Oid4vc.Dapr.StatusLists;
using GaiaX.Oid4vc.Notary.Api;
using GaiaX.Oid4vc.Notary.Events;
using GaiaX.Oid4vc.ServiceDefaults;

namespace GaiaX.Oid4vc.Notary;

public static class NotaryApi
{
    /// <summary>Maps the Notary service's protocol and management endpoints.</summary>
    public static WebApplication MapNotaryApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapDidDocument();
        app.MapRegistrationNumberEndpoints();
        app.MapStatusLists();
        app.MapIntegrationEvent<IssuanceRequested>(
            IssuanceRequestedHandler.Route,
            (IssuanceRequested request, IssuanceRequestedHandler handler, CancellationToken cancellationToken) =>
                handler.HandleAsync(request, cancellationToken)
        );
        app.MapDeadLetteredIntegrationEvent<IssuanceRequested>(
            IssuanceRequestedHandler.DeadLetterRoute,
            (IssuanceRequested request, IssuanceRequestedHandler handler, CancellationToken cancellationToken) =>
                handler.HandleDeadLetteredAsync(request, cancellationToken)
        );
        return app;
    }
}
