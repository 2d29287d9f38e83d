using GaiaX.Oid4vc.Dapr.Hosting;
using GaiaX.Oid4vc.ServiceDefaults;

namespace GaiaX.Oid4vc.Compliance;

/// <summary>The Gaia-X compliance engine.</summary>
public static class ComplianceProgram
{
    /// <summary>The port the service listens on when the deployment names none.</summary>
    public const int DefaultPort = 5104;

    public static Task Main(string[] args) => Create(args).RunAsync();

    /// <summary>
    /// Builds the service. <paramref name="configure"/> lets a host that embeds it (DevHost, tests)
    /// adjust configuration and services before the application is built.
    /// </summary>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // Named explicitly so the service keeps its identity when another process hosts it.
            ApplicationName = typeof(ComplianceProgram).Assembly.GetName().Name,
        });
        builder.WebHost.UseDefaultUrlUnlessConfigured(builder.Configuration, $"http://127.0.0.1:{DefaultPort}");

        builder.AddServiceDefaults();
        builder.AddComplianceServices();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGaiaXDapr();
        app.MapComplianceApi();
        return app;
    }
}
