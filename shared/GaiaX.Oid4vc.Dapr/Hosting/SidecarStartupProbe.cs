using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GaiaX.Oid4vc.Dapr.Hosting;

/// <summary>
/// Once the service listens, asks its Dapr sidecar once; when none answers (a newcomer ran
/// <c>dotnet run --project services/Issuer</c> alone), logs one warning saying how to start one or
/// DevHost. Requests that need state answer 503 with <c>Retry-After</c> meanwhile; nothing is fatal.
/// </summary>
public sealed partial class SidecarStartupProbe(
    DaprSidecarHealthCheck sidecar,
    IHostApplicationLifetime lifetime,
    IHostEnvironment environment,
    IServer server,
    ILogger<SidecarStartupProbe> logger
) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = ProbeAsync(lifetime.ApplicationStopping));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task ProbeAsync(CancellationToken cancellationToken)
    {
        var result = await sidecar
            .CheckHealthAsync(new HealthCheckContext { Registration = null! }, cancellationToken)
            .ConfigureAwait(false);
        if (result.Status == HealthStatus.Healthy)
        {
            return;
        }
        var service = environment.ApplicationName.Split('.')[^1];
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        var port = Uri.TryCreate(address, UriKind.Absolute, out var uri)
            ? uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : "<port>";
        NoSidecar(logger, service.ToLowerInvariant(), port, service);
    }

    [LoggerMessage(
        EventId = 7101,
        Level = LogLevel.Warning,
        Message = "No Dapr sidecar answers: requests that need state answer 503 until one does. Start one with "
            + "'dapr run --app-id {AppId} --app-port {Port} -- dotnet run --project services/{Project}', "
            + "or run the whole stack with 'dotnet run --project services/DevHost'."
    )]
    private static partial void NoSidecar(ILogger logger, string appId, string port, string project);
}
