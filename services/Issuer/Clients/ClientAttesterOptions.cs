namespace GaiaX.Oid4vc.Issuer.Clients;

/// <summary>
/// One wallet provider: its <c>iss</c> and how its attestations are verified — by its keys (<see cref="Jwks"/>, matched by
/// <c>kid</c>) or by an <c>x5c</c> chain to one of <see cref="TrustAnchorCertificates"/> (HAIP), or both.
/// </summary>
public sealed class ClientAttesterOptions
{
    public string Issuer { get; set; } = string.Empty;

    /// <summary>The attester's public keys, a JWKS as JSON text.</summary>
    public string Jwks { get; set; } = string.Empty;

    /// <summary>PEM certificates an attestation's <c>x5c</c> chain must lead to.</summary>
    public List<string> TrustAnchorCertificates { get; set; } = [];
}
