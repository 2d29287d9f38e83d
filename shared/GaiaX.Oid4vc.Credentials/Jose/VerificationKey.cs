using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace GaiaX.Oid4vc.Credentials.Jose;

/// <summary>
/// A public key ready to verify signatures. Built once per key and cached by the resolvers, so a
/// verification costs one signature check, not a JWK parse and key import.
/// </summary>
public sealed class VerificationKey : IDisposable
{
    private readonly ECDsa? _ec;
    private readonly RSA? _rsa;

    private VerificationKey(ECDsa? ec, RSA? rsa, string? curve, string? algorithm, string? keyId)
    {
        _ec = ec;
        _rsa = rsa;
        Curve = curve;
        Algorithm = algorithm;
        KeyId = keyId;
    }

    /// <summary>"EC" or "RSA".</summary>
    public string KeyType => _ec is not null ? "EC" : "RSA";

    /// <summary>The curve name (P-256, P-384) of an EC key.</summary>
    public string? Curve { get; }

    /// <summary>The <c>alg</c> the key is declared for (from its JWK), if any.</summary>
    public string? Algorithm { get; }

    public string? KeyId { get; }

    public static VerificationKey FromECDsa(ECDsa key, string? algorithm = null, string? keyId = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        var parameters = key.ExportParameters(false);
        var publicOnly = ECDsa.Create(parameters);
        return new VerificationKey(publicOnly, null, Jwk.CurveName(parameters.Curve), algorithm, keyId);
    }

    public static VerificationKey FromRsa(RSA key, string? algorithm = null, string? keyId = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        var publicOnly = RSA.Create(key.ExportParameters(false));
        return new VerificationKey(null, publicOnly, null, algorithm, keyId);
    }

    /// <summary>Imports a public JWK (private members refused). See <see cref="Jwk.ParsePublic(JsonObject)"/>.</summary>
    public static VerificationResult<VerificationKey> FromJwk(JsonObject jwk) => Jwk.ParsePublic(jwk);

    internal static VerificationKey Create(ECDsa? ec, RSA? rsa, string? curve, string? algorithm, string? keyId) => new(ec, rsa, curve, algorithm, keyId);

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
            return _ec is not null && string.Equals(curve, Curve, StringComparison.Ordinal);
        }
        return JwsAlgorithms.IsRsa(alg) && _rsa is not null && _rsa.KeySize >= 2048;
    }

    /// <summary>Verifies a JWS signature (ECDSA in the JOSE fixed-size r||s form).</summary>
    public bool Verify(string alg, ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature) => alg switch
    {
        JwsAlgorithms.ES256 => _ec is not null && signature.Length == 64 && _ec.VerifyData(signingInput, signature, HashAlgorithmName.SHA256),
        JwsAlgorithms.ES384 => _ec is not null && signature.Length == 96 && _ec.VerifyData(signingInput, signature, HashAlgorithmName.SHA384),
        JwsAlgorithms.RS256 => _rsa is not null && _rsa.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
        JwsAlgorithms.PS256 => _rsa is not null && _rsa.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pss),
        _ => false,
    };

    /// <summary>The public JWK (RFC 7517) of this key, with <c>alg</c> and <c>kid</c> when known.</summary>
    public JsonObject ToJwk()
    {
        var jwk = _ec is not null ? Jwk.FromPublicKey(_ec) : Jwk.FromPublicKey(_rsa!);
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
    public string Thumbprint() => Jwk.Thumbprint(ToJwk());

    /// <summary>Whether two keys are the same public key.</summary>
    public bool SameKeyAs(VerificationKey other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return string.Equals(Thumbprint(), other.Thumbprint(), StringComparison.Ordinal);
    }

    internal ECDsa? EcKey => _ec;

    internal RSA? RsaKey => _rsa;

    public void Dispose()
    {
        _ec?.Dispose();
        _rsa?.Dispose();
    }
}
