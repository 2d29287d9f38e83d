using GaiaX.Oid4vc.ServiceDefaults;
using GaiaX.Oid4vc.Verifier.Requests;
using GaiaX.Oid4vc.Verifier.Responses;
using GaiaX.Oid4vc.Verifier.Status;
using GaiaX.Oid4vc.Verifier.Trust;

namespace GaiaX.Oid4vc.Verifier;

public static class VerifierApi
{
    /// <summary>Maps the Verifier service's protocol and management endpoints.</summary>
    public static WebApplication MapVerifierApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseManagementApiAuthentication();
        app.MapDidDocument();
        app.MapPresentationRequestsApi();
        app.MapRequestObjectEndpoints();
        app.MapResponseEndpoint();
        app.MapStatusEventSubscriptions();
        app.MapTrustListSubscription();
        return app;
    }
}
