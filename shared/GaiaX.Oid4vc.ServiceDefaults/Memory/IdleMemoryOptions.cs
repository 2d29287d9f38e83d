using System.ComponentModel.DataAnnotations;

namespace GaiaX.Oid4vc.ServiceDefaults.Memory;

/// <summary>When a service gives memory back after a burst of work, bound from the <c>IdleMemory</c> section.</summary>
public sealed class IdleMemoryOptions
{
    public const string SectionName = "IdleMemory";

    /// <summary>Trim once the service goes idle after work (default on).</summary>
    public bool TrimWhenIdle { get; set; } = true;

    /// <summary>How often the service looks whether it is idle, in seconds (default 30).</summary>
    [Range(1, 3600)]
    public int CheckIntervalSeconds { get; set; } = 30;

    /// <summary>At most this much allocated in one interval counts as idle, in MiB (default 8: health probes and metrics).</summary>
    [Range(0, 1024)]
    public int IdleAllocationMegabytes { get; set; } = 8;

    /// <summary>At least this much allocated since the last trim makes a trim worth it, in MiB (default 256).</summary>
    [Range(1, 1 << 20)]
    public int WorkAllocationMegabytes { get; set; } = 256;

    /// <summary>
    /// While idle, trim again after this many minutes (default 10), for what expired since: cached tokens outlive the burst
    /// that made them.
    /// </summary>
    [Range(1, 24 * 60)]
    public int RepeatMinutes { get; set; } = 10;
}
