namespace GaiaX.Oid4vc.Credentials.Status;

/// <summary>Settings of status checks (configuration section <c>StatusLists</c>).</summary>
public sealed class StatusListClientOptions
{
    public const string SectionName = "StatusLists";

    /// <summary>Largest list response accepted (the signed JWT as fetched).</summary>
    public int MaxResponseBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>Largest list accepted once inflated.</summary>
    public int MaxListBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Time for one fetch.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a list without <c>ttl</c> is reused.</summary>
    public TimeSpan DefaultTtl { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest a list is reused, whatever its <c>ttl</c> says.</summary>
    public TimeSpan MaxTtl { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a list that could not be had is not asked for again.</summary>
    public TimeSpan FailureCacheDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Lists kept at most (each up to <see cref="MaxListBytes"/>; a 131,072-entry list is 16 KiB).</summary>
    public int MaxCachedLists { get; set; } = 512;

    /// <summary>
    /// Whether a credential whose status cannot be had (list unreachable, unsigned, expired) is accepted. Default: no,
    /// refused as "status unknown" (never reported as revoked).
    /// </summary>
    public bool AcceptUnknownStatus { get; set; }
}
