using System.ComponentModel.DataAnnotations;

namespace GaiaX.Oid4vc.ServiceDefaults;

/// <summary>Request size limits, bound from the <c>RequestLimits</c> configuration section.</summary>
public sealed class RequestLimitsOptions
{
    public const string SectionName = "RequestLimits";

    /// <summary>Largest request body accepted, in bytes (default 256 KiB).</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 256 * 1024;
}
