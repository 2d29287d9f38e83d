using GaiaX.Oid4vc.Dapr.Events;
using GaiaX.Oid4vc.Dapr.State;
using GaiaX.Oid4vc.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace GaiaX.Oid4vc.Dapr.Hosting;

/// <summary>Wires a service to its Dapr sidecar: one call on the builder, one on the app.</summary>
public static class DaprHostingExtensions
{
    /// <summary>Configuration key of the sidecar's gRPC endpoint (falls back to <c>DAPR_GRPC_ENDPOINT</c>, as daprd sets it).</summary>
    public const string GrpcEndpointKey = "Dapr:GrpcEndpoint";

    /// <summary>Configuration key of the sidecar's HTTP endpoint (falls back to <c>DAPR_HTTP_ENDPOINT</c>).</summary>
    public const string HttpEndpointKey = "Dapr:HttpEndpoint";

    /// <summary>Configuration key of the sidecar API token (falls back to <c>DAPR_API_TOKEN</c>).</summary>
    public const string ApiTokenKey = "Dapr:ApiToken";

    /// <summary>
    /// Configuration key of the app token the sidecar presents to the app (falls back to
    /// <c>APP_API_TOKEN</c>, as <c>dapr.io/app-token-secret</c> sets it). Without it every Dapr route refuses.
    /// </summary>
    public const string AppApiTokenKey = "Dapr:AppApiToken";

    /// <summary>
    /// Registers the real <see cref="global::Dapr.Client.DaprClient"/> (endpoint from configuration or
    /// the daprd environment variables), <see cref="IEventBus"/>, <see cref="IDaprStateStore"/>,
    /// <see cref="IIdempotencyGuard"/>, and a readiness check that fails while the sidecar is unreachable.
    /// </summary>
    public static TBuilder AddGaiaXDapr<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Services.Any(d => d.ServiceType == typeof(GaiaXDaprMarker)))
        {
            return builder; // already wired (a second call would register the health check twice)
        }
        builder.Services.AddSingleton<GaiaXDaprMarker>();
        var configuration = builder.Configuration;
        builder.Services.AddDaprClient(dapr =>
        {
            var grpc = Setting(configuration, GrpcEndpointKey, "DAPR_GRPC_ENDPOINT");
            if (grpc is not null)
            {
                dapr.UseGrpcEndpoint(grpc);
            }
            var http = Setting(configuration, HttpEndpointKey, "DAPR_HTTP_ENDPOINT");
            if (http is not null)
            {
                dapr.UseHttpEndpoint(http);
            }
            var token = Setting(configuration, ApiTokenKey, "DAPR_API_TOKEN");
            if (token is not null)
            {
                dapr.UseDaprApiToken(token);
            }
        });
        builder.Services.AddSingleton(DaprAppToken.FromConfiguration(configuration));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<IEventBus, DaprEventBus>();
        builder.Services.TryAddSingleton<IDaprStateStore, DaprStateStore>();
        builder.Services.TryAddSingleton<IIdempotencyGuard, IdempotencyGuard>();
        builder
            .Services.AddHealthChecks()
            .AddCheck<DaprSidecarHealthCheck>(DaprSidecarHealthCheck.Name, tags: [ServiceDefaultsExtensions.ReadyTag])
            .AddCheck<DaprStateStoreHealthCheck>(DaprStateStoreHealthCheck.Name, tags: [ServiceDefaultsExtensions.ReadyTag]);
        builder.Services.TryAddSingleton<DaprSidecarHealthCheck>();
        builder.Services.AddHostedService<SidecarStartupProbe>();
        builder.Services.AddExceptionHandler<DaprOutageExceptionHandler>();
        // The app-token refusal and the outage answer are problem details; an app without the
        // service defaults (a test subscriber) still gets them.
        builder.Services.AddProblemDetails();
        return builder;
    }

    /// <summary>
    /// Unwraps incoming CloudEvents (<c>UseCloudEvents</c>) and serves <c>GET /dapr/subscribe</c>
    /// (<c>MapSubscribeHandler</c>) listing every route mapped with <c>WithTopic</c> /
    /// <see cref="IntegrationEventEndpoints.MapIntegrationEvent{TEvent}"/>. Both answer only the sidecar:
    /// a request without the app token gets 401 (<see cref="DaprAppTokenMiddleware"/>).
    /// </summary>
    public static WebApplication MapGaiaXDapr(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<DaprAppTokenMiddleware>();
        app.UseCloudEvents();
        app.MapSubscribeHandler().WithMetadata(DaprAppRouteMetadata.Instance).ExcludeFromDescription();
        return app;
    }

    private sealed class GaiaXDaprMarker;

    internal static string? Setting(IConfiguration configuration, string key, string daprVariable)
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            value = configuration[daprVariable];
        }
        if (string.IsNullOrWhiteSpace(value))
        {
            value = Environment.GetEnvironmentVariable(daprVariable);
        }
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }
}
