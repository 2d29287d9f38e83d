using System.ComponentModel.DataAnnotations;
using GaiaX.Oid4vc.ServiceDefaults;

namespace GaiaX.Oid4vc.Compliance;

/// <summary>Settings of the Compliance service, bound from the <c>Compliance</c> configuration section.</summary>
public sealed class ComplianceOptions
{
    public const string SectionName = "Compliance";

    /// <summary>
    /// The public base URL of this service as wallets and other parties reach it; identifiers and
    /// endpoint URLs in metadata are derived from it.
    /// </summary>
    [Required]
    [AbsoluteHttpUrl]
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5104";

    /// <summary>
    /// Whether label credentials get a status entry (W3C Bitstring Status List, served at
    /// <c>/status-lists/{n}/revocation|suspension</c>).
    /// </summary>
    public bool CredentialStatus { get; set; } = true;

    /// <summary>Tolerance for clocks that differ between issuers and this engine.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a label credential is valid (Gaia-X: about 90 days).</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "366.00:00:00")]
    public TimeSpan LabelValidity { get; set; } = TimeSpan.FromDays(90);
}
