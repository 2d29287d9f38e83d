using System.ComponentModel.DataAnnotations;

namespace GaiaX.Oid4vc.Dapr.StatusLists;

/// <summary>How a service keeps and publishes the status lists of the credentials it signs (section <c>StatusList</c>).</summary>
public sealed class StatusListSettings
{
    public const string SectionName = "StatusList";

    /// <summary>Entries per list (the W3C minimum, 131,072, gives herd privacy); a new list opens when one is full.</summary>
    [Range(131_072, 8 * 1024 * 1024)]
    public int Entries { get; set; } = 131_072;

    /// <summary>Indices a process reserves at once (fewer writes under load; an unused rest is simply never used).</summary>
    [Range(1, 4096)]
    public int BlockSize { get; set; } = 64;

    /// <summary>How long verifiers may reuse a fetched list (<c>ttl</c>, and <c>Cache-Control</c>).</summary>
    public TimeSpan Ttl { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A change is in the served list at the latest this long after it was made: changes within it are signed once.
    /// </summary>
    public TimeSpan ResignDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one signed list is valid (<c>exp</c>, <c>validUntil</c>); it is signed again well before.</summary>
    public TimeSpan Validity { get; set; } = TimeSpan.FromDays(1);
}
