namespace GaiaX.Oid4vc.Registry;

/// <summary>
/// The terms and conditions the Registry publishes (<c>GET /api/termsAndConditions</c>): the text participants agree to,
/// or only the SHA-256 (hex) of each accepted text; the Gaia-X 25.11 ones when neither is configured.
/// </summary>
public sealed class TermsAndConditionsOptions
{
    /// <summary>The version label, e.g. <c>25.11</c>.</summary>
    public string Version { get; set; } = "25.11";

    /// <summary>The text participants agree to; its SHA-256 (hex) is what a <c>gx:Issuer</c> credential carries.</summary>
    public string Text { get; set; } = string.Empty;

    /// <summary>SHA-256 (hex) of further accepted texts.</summary>
    public List<string> Hashes { get; set; } = [];
}
