using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace GaiaX.Oid4vc.ServiceDefaults;

/// <summary>
/// Traces, metrics and logs through OpenTelemetry. The OTLP exporter is switched on only when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, so a developer machine exports nothing by default.
/// </summary>
public static class OpenTelemetryDefaults
{
    /// <summary>Every ActivitySource and Meter of this product starts with this prefix.</summary>
    public const string SourcePrefix = "GaiaX.Oid4vc";

    /// <summary>
    /// Serve the metrics in the Prometheus text format at <c>/metrics</c> (for a Prometheus or a
    /// ServiceMonitor scraping the pods); off by default, on in the Kubernetes overlays.
    /// </summary>
    public const string PrometheusEndpointKey = "Telemetry:PrometheusEndpoint";

    /// <summary>The path of the Prometheus scraping endpoint.</summary>
    public const string PrometheusPath = "/metrics";

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder
            .Services.AddOpenTelemetry()
            .WithMetrics(metrics =>
                metrics
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddMeter(SourcePrefix + ".*")
            )
            .WithTracing(tracing =>
                tracing
                    .AddSource(builder.Environment.ApplicationName)
                    .AddSource(SourcePrefix + ".*")
                    .AddAspNetCoreInstrumentation(options =>
                        // Probes would drown real traffic in the trace store.
                        options.Filter = context =>
                            !context.Request.Path.StartsWithSegments("/healthz") && !context.Request.Path.StartsWithSegments("/readyz")
                    )
                    .AddHttpClientInstrumentation()
            );

        if (PrometheusEnabled(builder.Configuration))
        {
            builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddPrometheusExporter());
        }

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>Whether <see cref="PrometheusEndpointKey"/> is on.</summary>
    public static bool PrometheusEnabled(Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        string.Equals(configuration?[PrometheusEndpointKey], "true", StringComparison.OrdinalIgnoreCase);
}
