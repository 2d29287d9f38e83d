namespace GaiaX.Oid4vc.Verifier;

/// <summary>
/// Which issuers' credentials the Verifier accepts, beyond the trust anchors (<c>Trust:AnchorCertificates</c>,
/// shared by all services): an optional allow-list.
/// </summary>
public sealed class IssuerTrustOptions
{
    /// <summary>When not empty, the credential's issuer (<c>iss</c>) must be one of these.</summary>
    public List<string> TrustedIssuers { get; set; } = [];
}
