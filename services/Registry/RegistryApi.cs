using GaiaX.Oid4vc.Registry.Api;
using GaiaX.Oid4vc.Registry.Extensions;

namespace GaiaX.Oid4vc.Registry;

public static class RegistryApi
{
    /// <summary>Maps the Registry's public Gaia-X Registry API and its management API.</summary>
    public static WebApplication MapRegistryApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapTrustAnchorEndpoints();
        app.MapManagementEndpoints();
        app.MapOntologyEndpoints();
        app.MapEcosystemExtensionEndpoints();
        return app;
    }
}
