using Dapr.Client;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GaiaX.Oid4vc.Dapr.Hosting;

/// <summary>
/// Readiness: the state store answers a read through the sidecar. A sidecar that is up while its
/// state store is down would otherwise leave the service "ready" while every request fails.
/// </summary>
public sealed class DaprStateStoreHealthCheck(DaprClient dapr) : IHealthCheck
{
    public const string Name = "dapr-state-store";

    /// <summary>A key nobody writes: reading it costs the store one lookup.</summary>
    public const string ProbeKey = "readiness-probe";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await dapr.GetStateAsync<System.Text.Json.JsonElement?>(DaprComponents.StateStore, ProbeKey, cancellationToken: timeout.Token)
                .ConfigureAwait(false);
            return HealthCheckResult.Healthy($"The state store '{DaprComponents.StateStore}' answers.");
        }
        catch (Exception exception)
            when (exception is global::Dapr.DaprException or OperationCanceledException or Grpc.Core.RpcException or HttpRequestException)
        {
            return HealthCheckResult.Unhealthy($"The state store '{DaprComponents.StateStore}' does not answer.", exception);
        }
    }
}
