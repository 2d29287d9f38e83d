using System.Security.Cryptography.X509Certificates;
using GaiaX.Oid4vc.Credentials.Jose;

namespace GaiaX.Oid4vc.Compliance.Verification;

/// <summary>
/// A verification method found in a DID document by its exact <c>kid</c>, with its certificate
/// chain as published (not yet judged: whether it ends at a trust anchor is the registry's call).
/// </summary>
public sealed class ResolvedVerificationMethod
{
    public required string KeyId { get; init; }

    /// <summary>The DID whose document holds the method.</summary>
    public required string Controller { get; init; }

    /// <summary>The JWK's <c>alg</c> (required by Gaia-X).</summary>
    public required string Algorithm { get; init; }

    public required VerificationKey PublicKey { get; init; }

    /// <summary>The certificate chain from <c>x5c</c> or fetched from <c>x5u</c>, leaf first.</summary>
    public required IReadOnlyList<X509Certificate2> CertificateChain { get; init; }

    /// <summary>The <c>x5u</c> the chain came from, when it came from one.</summary>
    public Uri? CertificateChainUrl { get; init; }

    /// <summary>
    /// Whether <see cref="PublicKey"/> is the leaf certificate's key; decided once when the method
    /// is resolved (it costs key imports) and reused while the method is cached.
    /// </summary>
    public required bool KeyMatchesLeafCertificate { get; init; }
}
