using GaiaX.Oid4vc.Credentials.Hosting;

namespace GaiaX.Oid4vc.Issuer;

public static class IssuerApi
{
    /// <summary>Maps the Issuer service's protocol and management endpoints.</summary>
    public static WebApplication MapIssuerApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapDidDocument();
        return app;
    }
}
