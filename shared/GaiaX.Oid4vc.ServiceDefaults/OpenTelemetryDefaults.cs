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

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }
}
