using GaiaX.Oid4vc.Dapr.Hosting;
using GaiaX.Oid4vc.ServiceDefaults;

namespace GaiaX.Oid4vc.Notary;

/// <summary>The legal registration number notary.</summary>
public static class NotaryProgram
{
    /// <summary>The port the service listens on when the deployment names none.</summary>
    public const int DefaultPort = 5103;

    public static Task<int> Main(string[] args) => ServiceHost.RunAsync("notary", () => Create(args));

    /// <summary>
    /// Builds the service. <paramref name="configure"/> lets a host that embeds it (DevHost, tests)
    /// adjust configuration and services before the application is built.
    /// </summary>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null) =>
        ServiceHost.Create(
            args,
            typeof(NotaryProgram),
            DefaultPort,
            configure,
            builder => builder.AddNotaryServices(),
            app => app.MapGaiaXDapr().MapNotaryApi()
        );
}
