using Dapr;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Registry.Trust;

/// <summary>
/// Publishes the trust list as it stands once at start-up and then every <see cref="RegistryOptions.RepublishInterval"/>,
/// without changing it (same version): pub/sub keeps no history, so a service that subscribes after the last change (a
/// Verifier started later, a replica that lost a delivery) would otherwise wait for the next change. A change whose
/// publication failed after it was stored reaches the subscribers this way too. Subscribers ignore a version they have.
/// </summary>
public sealed partial class TrustListRepublisher(
    TrustListStore store,
    IOptions<RegistryOptions> options,
    TimeProvider time,
    ILogger<TrustListRepublisher> logger
) : BackgroundService
{
    /// <summary>The longest wait before trying again after a failed publication (the sidecar not up yet, an outage).</summary>
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.RepublishInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = interval;
            try
            {
                var list = await store.PublishCurrentAsync(stoppingToken).ConfigureAwait(false);
                LogRepublished(logger, list.Version);
            }
            catch (Exception failure) when (IsUnavailable(failure) && !stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, failure.GetBaseException().Message);
                wait = interval < RetryAfterFailure ? interval : RetryAfterFailure;
            }
            try
            {
                await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>What a sidecar or state store that is not there (yet) throws; anything else is a fault and stops the loop.</summary>
    private static bool IsUnavailable(Exception failure) =>
        failure is DaprException or Grpc.Core.RpcException or HttpRequestException or InvalidOperationException;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Republished the trust list at version {Version}")]
    private static partial void LogRepublished(ILogger logger, long version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The trust list could not be republished ({Reason}); trying again shortly")]
    private static partial void LogFailed(ILogger logger, string reason);
}
