using GaiaX.Oid4vc.Dapr.StatusLists;
using GaiaX.Oid4vc.Issuer.Authorization;
using GaiaX.Oid4vc.Issuer.Credentials;
using GaiaX.Oid4vc.Issuer.Events;
using GaiaX.Oid4vc.Issuer.Metadata;
using GaiaX.Oid4vc.Issuer.Nonce;
using GaiaX.Oid4vc.Issuer.Notification;
using GaiaX.Oid4vc.Issuer.Offers;
using GaiaX.Oid4vc.Issuer.Status;
using GaiaX.Oid4vc.Issuer.Token;
using GaiaX.Oid4vc.ServiceDefaults;

namespace GaiaX.Oid4vc.Issuer;

public static class IssuerApi
{
    /// <summary>Maps the Issuer service's protocol and management endpoints.</summary>
    public static WebApplication MapIssuerApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseManagementApiAuthentication();
        app.MapMetadataEndpoints();
        app.MapOfferEndpoints();
        app.MapAuthorizationEndpoints();
        app.MapTokenEndpoint();
        app.MapNonceEndpoint();
        Clients.AttestationChallengeEndpoint.MapAttestationChallengeEndpoint(app);
        app.MapCredentialEndpoints();
        app.MapNotificationEndpoint();
        app.MapCredentialStatusEndpoints();
        app.MapStatusLists();
        app.MapIssuerEventHandlers();
        app.MapDidDocument();
        return app;
    }
}
