using Dapr;
using GaiaX.Oid4vc.Dapr.Hosting;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Verifier.Trust;

/// <summary>
/// Following the Registry: reads the stored trust list when the Verifier starts (so a restart judges at once with the
/// list it had) and then every <see cref="RegistryTrustOptions.RefreshSeconds"/>, because each delivery reaches one
/// replica, which stores the list for the others. A state store that does not answer is logged and asked again later.
/// </summary>
public sealed partial class TrustListRefresher(
    TrustListFollower trust,
    IOptions<VerifierOptions> options,
    TimeProvider time,
    ILogger<TrustListRefresher> logger
) : BackgroundService
{
    /// <summary>How long the start waits for the stored list before the refresh loop takes over.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(5);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (trust.Following)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(StartTimeout);
            await LoadAsync(timeout.Token, cancellationToken).ConfigureAwait(false);
        }
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!trust.Following)
        {
            return;
        }
        var interval = TimeSpan.FromSeconds(options.Value.Trust.Registry.RefreshSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            await LoadAsync(stoppingToken, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken, CancellationToken stopping)
    {
        try
        {
            await trust.LoadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception failure)
            when (!stopping.IsCancellationRequested
                && (failure is DaprException or OperationCanceledException || DaprOutageExceptionHandler.IsOutage(failure))
            )
        {
            LogUnavailable(logger, failure.GetBaseException().Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The stored trust list could not be read ({Reason}); reading it again later")]
    private static partial void LogUnavailable(ILogger logger, string reason);
}
