using System.ComponentModel.DataAnnotations;
using GaiaX.Oid4vc.ServiceDefaults;

namespace GaiaX.Oid4vc.Notary;

/// <summary>Settings of the Notary service, bound from the <c>Notary</c> configuration section.</summary>
public sealed class NotaryOptions
{
    public const string SectionName = "Notary";

    /// <summary>
    /// The public base URL of this service as wallets and other parties reach it; identifiers and
    /// endpoint URLs in metadata are derived from it.
    /// </summary>
    [Required]
    [AbsoluteHttpUrl]
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5103";

    /// <summary>
    /// How long a registry confirmation is reused before the registry is asked again. Registries
    /// change slowly; VIES and GLEIF ask clients not to hammer them.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan VerifiedResultTimeToLive { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Validity period of an issued registration-number credential (<c>validUntil</c> − <c>validFrom</c>).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "400.00:00:00")]
    public TimeSpan CredentialValidity { get; set; } = TimeSpan.FromDays(90);
}
