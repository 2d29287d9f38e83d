using GaiaX.Oid4vc.Dapr.Hosting;
using GaiaX.Oid4vc.ServiceDefaults;

namespace GaiaX.Oid4vc.Issuer;

/// <summary>The OpenID4VCI 1.0 Credential Issuer and its OAuth 2.0 Authorization Server.</summary>
public static class IssuerProgram
{
    /// <summary>The port the service listens on when the deployment names none.</summary>
    public const int DefaultPort = 5101;

    public static Task<int> Main(string[] args) => ServiceHost.RunAsync("issuer", () => Create(args));

    /// <summary>
    /// Builds the service. <paramref name="configure"/> lets a host that embeds it (DevHost, tests)
    /// adjust configuration and services before the application is built.
    /// </summary>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null) =>
        ServiceHost.Create(
            args,
            typeof(IssuerProgram),
            DefaultPort,
            configure,
            builder => builder.AddIssuerServices(),
            app => app.MapGaiaXDapr().MapIssuerApi()
        );
}
