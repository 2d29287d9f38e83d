namespace GaiaX.Oid4vc.Credentials.Keys;

/// <summary>Trust anchors (configuration section <c>Trust</c>).</summary>
public sealed class TrustOptions
{
    public const string SectionName = "Trust";

    /// <summary>PEM files of the trust anchors (each may hold several certificates).</summary>
    public IList<string> AnchorCertificates { get; } = [];

    /// <summary>
    /// Whether the development CA is a trust anchor. Default: yes when <c>Identity:Source</c> is
    /// Development, so the DevHost services trust each other.
    /// </summary>
    public bool? TrustDevelopmentCa { get; set; }
}
