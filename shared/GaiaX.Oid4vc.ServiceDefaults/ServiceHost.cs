using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.ServiceDefaults;

/// <summary>
/// Builds a service the way all four are built, so each <c>XxxProgram</c> is only its table of
/// contents: which services it adds and which endpoints it maps.
/// </summary>
public static class ServiceHost
{
    /// <summary>
    /// Creates the builder (application name fixed to <paramref name="program"/>'s assembly so the
    /// service keeps its identity when another process hosts it; <c>http://127.0.0.1:<paramref name="defaultPort"/></c>
    /// unless the deployment names a URL), adds the service defaults and <paramref name="addServices"/>,
    /// lets <paramref name="configure"/> (DevHost, tests) adjust the builder, then builds and maps the
    /// default endpoints and <paramref name="mapEndpoints"/>.
    /// </summary>
    public static WebApplication Create(
        string[] args,
        Type program,
        int defaultPort,
        Action<WebApplicationBuilder>? configure,
        Action<WebApplicationBuilder> addServices,
        Action<WebApplication> mapEndpoints
    )
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(addServices);
        ArgumentNullException.ThrowIfNull(mapEndpoints);
        var builder = WebApplication.CreateBuilder(
            new WebApplicationOptions { Args = args, ApplicationName = program.Assembly.GetName().Name }
        );
        // Lowest-priority defaults, as the ASP.NET Core template's appsettings.json has them: the framework's
        // per-request logs (request starting/finished, endpoint executing/executed, result writing; several lines
        // per request) are off unless a deployment turns them on; traces and metrics carry the requests. In the
        // production rehearsal they took 40% of the servers' CPU per issuance (14.6 against 8.2 ms).
        builder.Configuration.Sources.Insert(
            0,
            new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
            {
                InitialData = new Dictionary<string, string?>
                {
                    ["Logging:LogLevel:Default"] = "Information",
                    ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                },
            }
        );
        // Before anything reads a setting, so that a placeholder is reported as unset, not as a malformed value.
        RequiredSettings.ThrowIfUnset(builder.Configuration);
        builder.WebHost.UseDefaultUrlUnlessConfigured(builder.Configuration, $"http://127.0.0.1:{defaultPort}");

        builder.AddServiceDefaults();
        addServices(builder);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapDefaultEndpoints();
        mapEndpoints(app);
        return app;
    }

    /// <summary>Exit code of a start refused for its configuration (<c>EX_CONFIG</c> of sysexits.h).</summary>
    public const int ConfigurationError = 78;

    /// <summary>
    /// Runs a service as its own process (<c>Main</c>). A start refused for its configuration (a setting
    /// that fails validation, is left at its placeholder, or points at a key or anchor that cannot be had:
    /// every such message starts with <c>Setting '</c>) ends with one line on standard error naming the
    /// setting and exit code <see cref="ConfigurationError"/>, not an unhandled exception.
    /// </summary>
    public static async Task<int> RunAsync(string name, Func<WebApplication> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        try
        {
            var app = create();
            await using (app.ConfigureAwait(false))
            {
                await app.RunAsync().ConfigureAwait(false);
            }
            return 0;
        }
        catch (Exception failure)
            when (failure is OptionsValidationException || failure.Message.StartsWith("Setting '", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync($"{name}: {failure.Message}").ConfigureAwait(false);
            return ConfigurationError;
        }
    }
}
