using System.Security.Cryptography.X509Certificates;

namespace GaiaX.Oid4vc.Credentials.Jose;

/// <summary>
/// A key found for a JWS: the key, who it belongs to (a DID, or the certificate subject), and the
/// validated certificate chain (leaf first) when the key came with one.
/// </summary>
public sealed record ResolvedKey(VerificationKey Key)
{
    /// <summary>The DID (for DID-resolved keys) the key belongs to.</summary>
    public string? Controller { get; init; }

    /// <summary>The verification method id (DID URL) or <c>kid</c> that selected the key.</summary>
    public string? KeyId { get; init; }

    /// <summary>Leaf first, validated to a trust anchor; empty when the key has no certificate.</summary>
    public IReadOnlyList<X509Certificate2> CertificateChain { get; init; } = [];
}
