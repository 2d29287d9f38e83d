using GaiaX.Oid4vc.Dapr.Hosting;
using GaiaX.Oid4vc.ServiceDefaults;

namespace GaiaX.Oid4vc.Verifier;

/// <summary>The OpenID4VP 1.0 Verifier.</summary>
public static class VerifierProgram
{
    /// <summary>The port the service listens on when the deployment names none.</summary>
    public const int DefaultPort = 5102;

    public static Task<int> Main(string[] args) => ServiceHost.RunAsync("verifier", () => Create(args));

    /// <summary>
    /// Builds the service. <paramref name="configure"/> lets a host that embeds it (DevHost, tests)
    /// adjust configuration and services before the application is built.
    /// </summary>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null) =>
        ServiceHost.Create(
            args,
            typeof(VerifierProgram),
            DefaultPort,
            configure,
            builder => builder.AddVerifierServices(),
            app => app.MapGaiaXDapr().MapVerifierApi()
        );
}
