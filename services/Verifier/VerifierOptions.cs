using System.ComponentModel.DataAnnotations;
using GaiaX.Oid4vc.ServiceDefaults;

namespace GaiaX.Oid4vc.Verifier;

/// <summary>Settings of the Verifier service, bound from the <c>Verifier</c> configuration section.</summary>
public sealed class VerifierOptions
{
    public const string SectionName = "Verifier";

    /// <summary>
    /// The public base URL of this service as wallets and other parties reach it; identifiers and
    /// endpoint URLs in metadata are derived from it.
    /// </summary>
    [Required]
    [AbsoluteHttpUrl]
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5102";
}
