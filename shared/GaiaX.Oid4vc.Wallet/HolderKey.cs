using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.Jose;

namespace GaiaX.Oid4vc.Wallet;

/// <summary>
/// A holder's key pair (ES256, P-256): signs OID4VCI proofs, VP-JWTs and SD-JWT key-binding JWTs.
/// The private key never leaves this object; <see cref="PublicJwk"/> is what issuers bind to.
/// </summary>
public sealed class HolderKey : IDisposable
{
    private HolderKey(SigningKey signingKey, JsonObject publicJwk)
    {
        SigningKey = signingKey;
        PublicJwk = publicJwk;
        Thumbprint = Jwk.Thumbprint(publicJwk);
    }

    public SigningKey SigningKey { get; }

    /// <summary>The public JWK (kty, crv, x, y) — never the private part.</summary>
    public JsonObject PublicJwk { get; }

    /// <summary>RFC 7638 thumbprint of the public key.</summary>
    public string Thumbprint { get; }

    /// <summary>A fresh P-256 key.</summary>
    public static HolderKey Create() => FromECDsa(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>Wraps an existing P-256 key; the holder key takes ownership.</summary>
    public static HolderKey FromECDsa(ECDsa key, string? keyId = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        var jwk = Jwk.FromPublicKey(key);
        return new HolderKey(new SigningKey(key, JwsAlgorithms.ES256, keyId), jwk);
    }

    /// <summary>
    /// Wraps an existing P-256 key as a self-certifying <c>did:jwk</c> holder: every JWT it signs carries
    /// <c>kid</c> = <c>&lt;did:jwk&gt;#0</c>, the one key reference a verifier can resolve without asking
    /// anyone (a VP-JWT without <c>kid</c> is refused: its signer could not be looked up).
    /// </summary>
    public static HolderKey FromECDsaAsDidJwk(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var jwk = Jwk.FromPublicKey(key);
        return new HolderKey(new SigningKey(key, JwsAlgorithms.ES256, DidJwkOf(jwk) + "#0"), jwk);
    }

    /// <summary>
    /// The <c>did:jwk</c> of <paramref name="publicJwk"/>: the JWK's JSON, base64url-encoded, after the prefix.
    /// </summary>
    public static string DidJwkOf(JsonObject publicJwk)
    {
        ArgumentNullException.ThrowIfNull(publicJwk);
        return DidJwk.Prefix + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(publicJwk.ToJsonString()));
    }

    /// <summary>Wraps a signing key that already carries a <c>kid</c> (a did:web participant key).</summary>
    public static HolderKey FromSigningKey(SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var jwk = key.PublicKey.ToJwk();
        foreach (var member in new[] { "kid", "alg", "use", "key_ops", "x5c" })
        {
            jwk.Remove(member);
        }
        return new HolderKey(key, jwk);
    }

    /// <summary>The public JWK as a fresh node (safe to put into a header).</summary>
    public JsonObject PublicJwkCopy() => (JsonObject)PublicJwk.DeepClone();

    public void Dispose() => SigningKey.Dispose();
}
