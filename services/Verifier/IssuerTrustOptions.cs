namespace GaiaX.Oid4vc.Verifier;

/// <summary>
/// Which issuers' credentials the Verifier accepts, beyond the trust anchors (<c>Trust:AnchorCertificates</c>,
/// shared by all services): an optional allow-list, and the Registry's trust list when the Verifier follows it.
/// </summary>
public sealed class IssuerTrustOptions
{
    /// <summary>When not empty, the credential's issuer (<c>iss</c>) must be one of these.</summary>
    public List<string> TrustedIssuers { get; set; } = [];

    /// <summary>Following the Registry's trust list (<c>trust-list-changed</c>).</summary>
    public RegistryTrustOptions Registry { get; set; } = new();
}
