using GaiaX.Oid4vc.Dapr.Hosting;
using GaiaX.Oid4vc.ServiceDefaults;

namespace GaiaX.Oid4vc.Registry;

/// <summary>
/// The Registry of the clearing house: trust anchors and their revoked certificates, trusted issuers per role, the
/// terms and conditions and the shapes per ontology version, behind the Gaia-X Registry API.
/// </summary>
public static class RegistryProgram
{
    /// <summary>The port the service listens on when the deployment names none.</summary>
    public const int DefaultPort = 5105;

    public static Task<int> Main(string[] args) => ServiceHost.RunAsync("registry", () => Create(args));

    /// <summary>
    /// Builds the service. <paramref name="configure"/> lets a host that embeds it (DevHost, tests) adjust configuration
    /// and services before the application is built.
    /// </summary>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null) =>
        ServiceHost.Create(
            args,
            typeof(RegistryProgram),
            DefaultPort,
            configure,
            builder => builder.AddRegistryServices(),
            app => app.MapGaiaXDapr().MapRegistryApi()
        );
}
