using GaiaX.Oid4vc.Credentials.Hosting;

namespace GaiaX.Oid4vc.Notary;

public static class NotaryApi
{
    /// <summary>Maps the Notary service's protocol and management endpoints.</summary>
    public static WebApplication MapNotaryApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapDidDocument();
        return app;
    }
}
