namespace GaiaX.Oid4vc.Registry;

/// <summary>The trust list a Registry starts with when its state store holds none.</summary>
public sealed class BootstrapOptions
{
    /// <summary>PEM certificates of the trust anchors.</summary>
    public List<string> TrustAnchorCertificates { get; set; } = [];

    /// <summary>DIDs of the trusted issuers, by role (<c>registration-notary</c>, <c>compliance</c>, …).</summary>
    public Dictionary<string, List<string>> TrustedIssuers { get; set; } = new(StringComparer.Ordinal);
}
