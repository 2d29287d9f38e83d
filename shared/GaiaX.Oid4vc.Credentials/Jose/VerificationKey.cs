using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace GaiaX.Oid4vc.Credentials.Jose;

/// <summary>
/// A public key ready to verify signatures. Built once per key and cached by the resolvers, so a
/// verification costs one signature check, not a JWK parse and key import. EC keys verify through
/// <see cref="OpenSslEcdsa"/> where it is available (the import costs a point decode instead of
/// OpenSSL's full key check); the .NET <see cref="ECDsa"/> object is then only created on demand.
/// </summary>
public sealed class VerificationKey : IDisposable
{
    private readonly EcPublicKeyHandle? _native;
    private readonly byte[]? _x;
    private readonly byte[]? _y;
    private readonly RSA? _rsa;
    private ECDsa? _ec;
    private string? _thumbprint; // computed once: the key never changes

    private VerificationKey(
        ECDsa? ec,
        EcPublicKeyHandle? native,
        byte[]? x,
        byte[]? y,
        RSA? rsa,
        string? curve,
        string? algorithm,
        string? keyId
    )
    {
        _ec = ec;
        _native = native;
        _x = x;
        _y = y;
        _rsa = rsa;
        Curve = curve;
        Algorithm = algorithm;
        KeyId = keyId;
    }

    /// <summary>"EC" or "RSA".</summary>
    public string KeyType => _rsa is null ? "EC" : "RSA";

    /// <summary>The curve name (P-256, P-384) of an EC key.</summary>
    public string? Curve { get; }

    /// <summary>The <c>alg</c> the key is declared for (from its JWK), if any.</summary>
    public string? Algorithm { get; }

    public string? KeyId { get; }

    public static VerificationKey FromECDsa(ECDsa key, string? algorithm = null, string? keyId = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        var parameters = key.ExportParameters(false);
        var curve = Jwk.CurveName(parameters.Curve) ?? throw new CryptographicException("Only the P-256 and P-384 curves are supported.");
        return CreateEc(curve, parameters.Q.X!, parameters.Q.Y!, algorithm, keyId)
            ?? throw new CryptographicException("The key is not a valid public key of its curve.");
    }

    public static VerificationKey FromRsa(RSA key, string? algorithm = null, string? keyId = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        var publicOnly = RSA.Create(key.ExportParameters(false));
        return CreateRsa(publicOnly, algorithm, keyId);
    }

    /// <summary>Imports a public JWK (private members refused). See <see cref="Jwk.ParsePublic(JsonObject)"/>.</summary>
    public static VerificationResult<VerificationKey> FromJwk(JsonObject jwk) => Jwk.ParsePublic(jwk);

    internal static VerificationKey CreateRsa(RSA rsa, string? algorithm, string? keyId) =>
        new(null, null, null, null, rsa, null, algorithm, keyId);

    /// <summary>
    /// An EC public key from its coordinates ("P-256" or "P-384"), or null when they are not a
    /// point of the curve. Throws <see cref="CryptographicException"/> from the .NET import path.
    /// </summary>
    internal static VerificationKey? CreateEc(string curve, byte[] x, byte[] y, string? algorithm, string? keyId) =>
        CreateEc(curve, x, y, algorithm, keyId, OpenSslEcdsa.IsAvailable);

    /// <summary>
    /// As above, choosing the path (tests compare the two). The key keeps <paramref name="x"/> and
    /// <paramref name="y"/>: callers hand over freshly decoded or exported arrays and never reuse them.
    /// </summary>
    internal static VerificationKey? CreateEc(string curve, byte[] x, byte[] y, string? algorithm, string? keyId, bool native)
    {
        if (native)
        {
            var handle = OpenSslEcdsa.Import(curve, x, y);
            return handle is null ? null : new VerificationKey(null, handle, x, y, null, curve, algorithm, keyId);
        }
        return new VerificationKey(DotNetEc(curve, x, y), null, x, y, null, curve, algorithm, keyId);
    }

    private static ECDsa DotNetEc(string curve, byte[] x, byte[] y) =>
        ECDsa.Create(
            new ECParameters
            {
                Curve = Jwk.NamedCurve(curve),
                Q = new ECPoint { X = x, Y = y },
            }
        );

    /// <summary>Whether <paramref name="alg"/> may be used with this key (type, curve, declared <c>alg</c>).</summary>
    public bool IsCompatibleWith(string alg)
    {
        if (Algorithm is not null && !string.Equals(Algorithm, alg, StringComparison.Ordinal))
        {
            return false;
        }
        var curve = JwsAlgorithms.CurveOf(alg);
        if (curve is not null)
        {
            return _x is not null && string.Equals(curve, Curve, StringComparison.Ordinal);
        }
        return JwsAlgorithms.IsRsa(alg) && _rsa is not null && _rsa.KeySize >= 2048;
    }

    /// <summary>Verifies a JWS signature (ECDSA in the JOSE fixed-size r||s form).</summary>
    public bool Verify(string alg, ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature) =>
        alg switch
        {
            JwsAlgorithms.ES256 => Curve == "P-256"
                && signature.Length == 64
                && VerifyEc(signingInput, signature, HashAlgorithmName.SHA256),
            JwsAlgorithms.ES384 => Curve == "P-384"
                && signature.Length == 96
                && VerifyEc(signingInput, signature, HashAlgorithmName.SHA384),
            JwsAlgorithms.RS256 => _rsa is not null
                && _rsa.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            JwsAlgorithms.PS256 => _rsa is not null
                && _rsa.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pss),
            _ => false,
        };

    // Reached only for EC keys: the callers matched Curve first.
    private bool VerifyEc(ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature, HashAlgorithmName hash)
    {
        if (_native is null)
        {
            return _ec!.VerifyData(signingInput, signature, hash);
        }
        Span<byte> digest = stackalloc byte[48];
        var length = hash == HashAlgorithmName.SHA256 ? SHA256.HashData(signingInput, digest) : SHA384.HashData(signingInput, digest);
        return OpenSslEcdsa.VerifyDigest(_native, digest[..length], signature);
    }

    /// <summary>The public JWK (RFC 7517) of this key, with <c>alg</c> and <c>kid</c> when known.</summary>
    public JsonObject ToJwk()
    {
        var jwk = _x is not null ? Jwk.FromPublicPoint(Curve, _x, _y) : Jwk.FromPublicKey(_rsa!);
        if (Algorithm is not null)
        {
            jwk["alg"] = Algorithm;
        }
        if (KeyId is not null)
        {
            jwk["kid"] = KeyId;
        }
        return jwk;
    }

    /// <summary>The RFC 7638 thumbprint of the key.</summary>
    public string Thumbprint() => _thumbprint ??= Jwk.Thumbprint(ToJwk());

    /// <summary>Whether two keys are the same public key.</summary>
    public bool SameKeyAs(VerificationKey other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return string.Equals(Thumbprint(), other.Thumbprint(), StringComparison.Ordinal);
    }

    /// <summary>The key as a .NET <see cref="ECDsa"/> (created on first use when the native path verifies).</summary>
    internal ECDsa? EcKey => _x is null ? null : LazyInitializer.EnsureInitialized(ref _ec, () => DotNetEc(Curve!, _x, _y!));

    internal RSA? RsaKey => _rsa;

    public void Dispose()
    {
        _ec?.Dispose();
        _native?.Dispose();
        _rsa?.Dispose();
    }
}
