using GaiaX.Oid4vc.Dapr.Hosting;
using GaiaX.Oid4vc.ServiceDefaults;

namespace GaiaX.Oid4vc.Compliance;

/// <summary>The Gaia-X compliance engine.</summary>
public static class ComplianceProgram
{
    /// <summary>The port the service listens on when the deployment names none.</summary>
    public const int DefaultPort = 5104;

    public static Task<int> Main(string[] args) => ServiceHost.RunAsync("compliance", () => Create(args));

    /// <summary>
    /// Builds the service. <paramref name="configure"/> lets a host that embeds it (DevHost, tests)
    /// adjust configuration and services before the application is built.
    /// </summary>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null) =>
        ServiceHost.Create(
            args,
            typeof(ComplianceProgram),
            DefaultPort,
            configure,
            builder => builder.AddComplianceServices(),
            app => app.MapGaiaXDapr().MapComplianceApi()
        );
}
