using GaiaX.Oid4vc.Credentials.Hosting;

namespace GaiaX.Oid4vc.Verifier;

public static class VerifierApi
{
    /// <summary>Maps the Verifier service's protocol and management endpoints.</summary>
    public static WebApplication MapVerifierApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapDidDocument();
        return app;
    }
}
