using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.ServiceDefaults.Memory;

/// <summary>
/// Gives memory back to the operating system once a service goes idle after a burst of work. The GC collects when
/// allocations ask for it, so after a burst a quiet service keeps its grown heap (and the expired entries its caches
/// still hold) until the next burst: in the production rehearsal the Issuer stayed at its peak resident size, 30% over
/// its start, for as long as it was left alone. Once an interval allocates next to nothing after enough work, the
/// caches drop their expired entries and one aggressive, compacting collection (then the finalizers, then another)
/// returns the free memory. A busy service is never interrupted, and an idle one trims once per burst, then
/// again every <see cref="IdleMemoryOptions.RepeatMinutes"/> for what has expired since.
/// </summary>
public sealed partial class IdleMemoryTrimmer(
    IServiceProvider services,
    IOptions<IdleMemoryOptions> options,
    ILogger<IdleMemoryTrimmer> logger
) : BackgroundService
{
    // DevHost runs every service in one process, and the heap is the process's: one trim per burst, whoever sees it.
    private static long s_allocatedAtLastTrim;
    private static long s_lastTrimTicks = Environment.TickCount64;

    /// <summary>Trim when the last interval was idle and enough work came before it, or long enough after the last trim.</summary>
    public static bool ShouldTrim(long allocatedInInterval, long allocatedSinceTrim, TimeSpan sinceTrim, IdleMemoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return allocatedInInterval <= options.IdleAllocationMegabytes * 1_048_576L
            && (
                allocatedSinceTrim >= options.WorkAllocationMegabytes * 1_048_576L
                || sinceTrim >= TimeSpan.FromMinutes(options.RepeatMinutes)
            );
    }

    /// <summary>Drops the caches' expired entries and returns the heap's free memory; the bytes allocated so far.</summary>
    public static long Trim(IEnumerable<IIdleTrimmable> caches)
    {
        ArgumentNullException.ThrowIfNull(caches);
        foreach (var cache in caches)
        {
            cache.TrimIdle();
        }
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        // Keys and handles released above hold native memory until their finalizers run.
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return GC.GetTotalAllocatedBytes();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.TrimWhenIdle)
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(settings.CheckIntervalSeconds));
        var previous = GC.GetTotalAllocatedBytes();
        Interlocked.CompareExchange(ref s_allocatedAtLastTrim, previous, 0);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var now = GC.GetTotalAllocatedBytes();
                var last = Interlocked.Read(ref s_allocatedAtLastTrim);
                if (
                    ShouldTrim(
                        now - previous,
                        now - last,
                        TimeSpan.FromMilliseconds(Environment.TickCount64 - Interlocked.Read(ref s_lastTrimTicks)),
                        settings
                    )
                    && Interlocked.CompareExchange(ref s_allocatedAtLastTrim, now, last) == last
                )
                {
                    var before = Environment.WorkingSet;
                    Interlocked.Exchange(ref s_allocatedAtLastTrim, Trim(services.GetServices<IIdleTrimmable>()));
                    Interlocked.Exchange(ref s_lastTrimTicks, Environment.TickCount64);
                    LogTrimmed(logger, before / 1_048_576, Environment.WorkingSet / 1_048_576);
                }
                previous = GC.GetTotalAllocatedBytes();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Idle after work: memory trimmed, working set {Before} MiB -> {After} MiB")]
    private static partial void LogTrimmed(ILogger logger, long before, long after);
}
