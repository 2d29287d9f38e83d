using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Scalar.AspNetCore;

namespace GaiaX.Oid4vc.ServiceDefaults;

/// <summary>
/// What every GaiaX.Oid4vc service gets: health endpoints, OpenTelemetry, resilient HttpClients,
/// RFC 9457 problem details for every framework error, bounded request bodies and OpenAPI.
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Health checks tagged with this run only on <c>/readyz</c>.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Serve the interactive API reference at <c>/scalar</c> (default: in Development only).</summary>
    public const string InteractiveUiKey = "OpenApi:InteractiveUi";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.AddValidatedOptions<RequestLimitsOptions>(RequestLimitsOptions.SectionName);
        builder.AddValidatedOptions<Memory.IdleMemoryOptions>(Memory.IdleMemoryOptions.SectionName);
        builder.Services.AddHostedService<Memory.IdleMemoryTrimmer>();
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.AddProblemDetailsDefaults();
        builder.Services.ConfigureHttpJsonOptions(json => JsonBodies.Relaxed(json.SerializerOptions));
        builder.Services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer<OpenApi.SecuritySchemesDocumentTransformer>();
            options.AddOperationTransformer<OpenApi.StandardResponsesOperationTransformer>();
            options.AddSchemaTransformer<OpenApi.NullableMembersOptionalSchemaTransformer>();
        });
        builder.Services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler());
        // No "Server: Kestrel": the server's name and version help only whoever probes it.
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel =>
            kestrel.AddServerHeader = false
        );
        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        // "self" is the liveness check: the process answers. Dependency checks (the Dapr sidecar,
        // registries) are added by each service with the ReadyTag so they only affect readiness.
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy());
        return builder;
    }

    /// <summary>
    /// Maps the middleware and endpoints every service shares. Call before the service's own API.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseMiddleware<FormBodyGuardMiddleware>();

        app.MapHealthChecks(
                "/healthz",
                new HealthCheckOptions { Predicate = check => check.Tags.Count == 0 || !check.Tags.Contains(ReadyTag) }
            )
            .ExcludeFromDescription();
        app.MapHealthChecks("/readyz").ExcludeFromDescription();
        app.MapOpenApi("/openapi/{documentName}.json");
        if (OpenTelemetryDefaults.PrometheusEnabled(app.Configuration))
        {
            app.MapPrometheusScrapingEndpoint(OpenTelemetryDefaults.PrometheusPath).ExcludeFromDescription();
        }
        // The interactive reference (Scalar, its script served from the package: works offline) is for
        // developers trying the API; a production deployment publishes only the documents.
        if (app.Configuration.GetValue(InteractiveUiKey, app.Environment.IsDevelopment()))
        {
            app.MapScalarApiReference("/scalar", options => options.WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        }

        return app;
    }

    /// <summary>
    /// Binds the listening address to <paramref name="defaultUrl"/> unless the deployment chose one
    /// (<c>urls</c>, <c>ASPNETCORE_URLS</c>, <c>ASPNETCORE_HTTP_PORTS</c>, or Kestrel endpoints).
    /// </summary>
    public static IWebHostBuilder UseDefaultUrlUnlessConfigured(
        this IWebHostBuilder webHost,
        Microsoft.Extensions.Configuration.IConfiguration configuration,
        string defaultUrl
    )
    {
        ArgumentNullException.ThrowIfNull(webHost);
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration["urls"] ?? configuration["http_ports"] ?? configuration["https_ports"];
        if (string.IsNullOrWhiteSpace(configured) && !configuration.GetSection("Kestrel:Endpoints").GetChildren().Any())
        {
            webHost.UseUrls(defaultUrl);
        }
        return webHost;
    }
}
