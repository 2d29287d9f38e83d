using Dapr.Client;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GaiaX.Oid4vc.Dapr.Hosting;

/// <summary>
/// Readiness: the sidecar answers a gRPC <c>GetMetadata</c> call. gRPC rather than
/// <c>DaprClient.CheckHealthAsync</c> because that probes the HTTP port, which the services
/// otherwise never use.
/// </summary>
public sealed class DaprSidecarHealthCheck(DaprClient dapr) : IHealthCheck
{
    public const string Name = "dapr-sidecar";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            var metadata = await dapr.GetMetadataAsync(timeout.Token).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"Dapr sidecar of app '{metadata.Id}' is reachable.");
        }
        catch (Exception exception)
            when (exception is global::Dapr.DaprException or OperationCanceledException or Grpc.Core.RpcException or HttpRequestException)
        {
            return HealthCheckResult.Unhealthy("The Dapr sidecar is unreachable.", exception);
        }
    }
}
