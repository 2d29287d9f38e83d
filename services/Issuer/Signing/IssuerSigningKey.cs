using System.Security.Cryptography;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Issuer.Protocol;

namespace GaiaX.Oid4vc.Issuer.Signing;

/// <summary>
/// The key this Issuer signs with (credentials it issues itself, signed metadata), and the
/// identifiers verifiers resolve it by: the issuer DID and the DID URL in <c>kid</c>.
/// </summary>
public interface IIssuerSigningKey
{
    /// <summary>The issuer's DID (<c>iss</c> of its credentials).</summary>
    string IssuerDid { get; }

    /// <summary>The DID URL of the verification method (<c>kid</c>).</summary>
    string KeyId { get; }

    /// <summary>The JWS algorithm (ES256).</summary>
    string Algorithm { get; }

    /// <summary>The public key as a JWK.</summary>
    JsonObject PublicJwk { get; }

    /// <summary>Signs <paramref name="payloadUtf8"/> as a compact JWS with <paramref name="header"/> plus <c>alg</c> and <c>kid</c>.</summary>
    string Sign(JsonObject header, ReadOnlySpan<byte> payloadUtf8);
}

/// <summary>
/// An ES256 key generated when the service starts, identified by the <c>did:web</c> derived from
/// the public base URL. Used until the shared service identity provides keys and certificates.
/// </summary>
public sealed class EphemeralIssuerSigningKey : IIssuerSigningKey, IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public EphemeralIssuerSigningKey(Microsoft.Extensions.Options.IOptions<IssuerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var uri = new Uri(options.Value.PublicBaseUrl);
        var did = "did:web:" + Uri.EscapeDataString(uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}");
        var path = uri.AbsolutePath.Trim('/');
        if (path.Length > 0)
        {
            did += ":" + string.Join(':', path.Split('/').Select(Uri.EscapeDataString));
        }
        IssuerDid = did;
        KeyId = did + "#key-1";
        var p = _key.ExportParameters(false);
        PublicJwk = new JsonObject
        {
            ["kty"] = "EC",
            ["crv"] = "P-256",
            ["x"] = System.Buffers.Text.Base64Url.EncodeToString(p.Q.X),
            ["y"] = System.Buffers.Text.Base64Url.EncodeToString(p.Q.Y),
            ["alg"] = "ES256",
            ["kid"] = KeyId,
        };
    }

    public string IssuerDid { get; }

    public string KeyId { get; }

    public string Algorithm => "ES256";

    public JsonObject PublicJwk { get; }

    public string Sign(JsonObject header, ReadOnlySpan<byte> payloadUtf8)
    {
        ArgumentNullException.ThrowIfNull(header);
        var full = new JsonObject { ["alg"] = Algorithm, ["kid"] = KeyId };
        foreach (var (name, value) in header)
        {
            full[name] = value?.DeepClone();
        }
        return CompactJws.SignEs256(full, payloadUtf8, _key);
    }

    public void Dispose() => _key.Dispose();
}
