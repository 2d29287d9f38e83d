using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace GaiaX.Oid4vc.Credentials.Jose;

/// <summary>
/// A private key with the identifiers a JWS header carries for it: <c>alg</c>, <c>kid</c>
/// (a DID URL for our services) and optionally the certificate chain for <c>x5c</c>.
/// </summary>
public sealed class SigningKey : IDisposable
{
    private readonly ECDsa _key;

    public SigningKey(
        ECDsa key,
        string algorithm = JwsAlgorithms.ES256,
        string? keyId = null,
        IReadOnlyList<X509Certificate2>? certificateChain = null
    )
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!JwsAlgorithms.Signing.Contains(algorithm))
        {
            throw new ArgumentException($"Signing with '{algorithm}' is not allowed; use ES256 or ES384.", nameof(algorithm));
        }
        var curve = Jwk.CurveName(key.ExportParameters(false).Curve);
        if (!string.Equals(curve, JwsAlgorithms.CurveOf(algorithm), StringComparison.Ordinal))
        {
            throw new ArgumentException($"{algorithm} needs a {JwsAlgorithms.CurveOf(algorithm)} key, not {curve}.", nameof(key));
        }
        _key = key;
        Algorithm = algorithm;
        KeyId = keyId;
        CertificateChain = certificateChain ?? [];
        PublicKey = VerificationKey.FromECDsa(key, algorithm, keyId);
        X5c = CertificateChain.Select(c => Convert.ToBase64String(c.RawData)).ToArray();
    }

    /// <summary>Creates a fresh ES256 key (for holders, tests, ephemeral use).</summary>
    public static SigningKey CreateEs256(string? keyId = null) =>
        new(ECDsa.Create(ECCurve.NamedCurves.nistP256), JwsAlgorithms.ES256, keyId);

    public string Algorithm { get; }

    public string? KeyId { get; }

    /// <summary>Leaf first; the <c>x5c</c> header / DID document carries it.</summary>
    public IReadOnlyList<X509Certificate2> CertificateChain { get; }

    /// <summary>The <c>x5c</c> values (standard base64 DER, leaf first).</summary>
    public IReadOnlyList<string> X5c { get; }

    public VerificationKey PublicKey { get; }

    /// <summary>Signs the JWS signing input; ECDSA signatures in the JOSE r||s form.</summary>
    public byte[] Sign(ReadOnlySpan<byte> signingInput) =>
        _key.SignData(signingInput, Algorithm == JwsAlgorithms.ES384 ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256);

    /// <summary>Exports the private key as PKCS#8 PEM (for the development key store).</summary>
    public string ExportPrivateKeyPem() => _key.ExportPkcs8PrivateKeyPem();

    public void Dispose()
    {
        _key.Dispose();
        PublicKey.Dispose();
    }
}
