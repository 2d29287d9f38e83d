namespace GaiaX.Oid4vc.Issuer.Credentials;

/// <summary>The wallet providers whose key attestations (OpenID4VCI 1.0 appendix D) this Issuer trusts.</summary>
public sealed class KeyAttestationOptions
{
    /// <summary>
    /// Each provider's keys (<c>Jwks</c>, matched by <c>kid</c>) or the certificates an <c>x5c</c> chain must lead to
    /// (<c>TrustAnchorCertificates</c>); with <c>Issuer</c> set, the attestation's <c>iss</c> must be it.
    /// </summary>
    public List<Clients.ClientAttesterOptions> Attesters { get; set; } = [];

    /// <summary>Oldest <c>iat</c> accepted in a key attestation without <c>exp</c>, in seconds (default one day).</summary>
    [System.ComponentModel.DataAnnotations.Range(60, 365 * 86400)]
    public int MaxAgeSeconds { get; set; } = 86400;
}
