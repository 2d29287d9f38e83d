using GaiaX.Oid4vc.ServiceDefaults;

namespace GaiaX.Oid4vc.WebConsole;

/// <summary>
/// The web console for issuers, relying parties and operators: server-rendered pages on the services' public management
/// APIs, with htmx for live status. It keeps no protocol state and has no Dapr sidecar.
/// </summary>
public static class ConsoleProgram
{
    /// <summary>The port the console listens on when the deployment names none.</summary>
    public const int DefaultPort = 5106;

    public static Task<int> Main(string[] args) => ServiceHost.RunAsync("console", () => Create(args));

    /// <summary>
    /// Builds the console. <paramref name="configure"/> lets a host that embeds it (DevHost, tests) adjust configuration
    /// and services (e.g. the development token source) before the application is built.
    /// </summary>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null) =>
        ServiceHost.Create(
            args,
            typeof(ConsoleProgram),
            DefaultPort,
            configure,
            builder => builder.AddConsoleServices(),
            app => app.MapConsole()
        );
}
