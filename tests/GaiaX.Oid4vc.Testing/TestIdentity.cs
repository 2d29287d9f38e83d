using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace GaiaX.Oid4vc.Testing;

/// <summary>
/// A did:web party of a test: its key, its certificate chain (from a <see cref="TestPki"/>), the DID
/// document a test host serves for it, and ES256 signing as that party.
/// </summary>
public sealed class TestIdentity : IDisposable
{
    public TestIdentity(string did, ECDsa key, IReadOnlyList<X509Certificate2> chain)
    {
        Did = did;
        Key = key;
        Chain = chain;
    }

    public string Did { get; }

    public string KeyId => Did + "#key-1";

    public ECDsa Key { get; }

    public IReadOnlyList<X509Certificate2> Chain { get; }

    /// <summary>The DID document; <paramref name="jwkKey"/> replaces the published key (a JWK that is not the certificate's).</summary>
    public JsonObject DidDocument(ECDsa? jwkKey = null, Uri? x5u = null)
    {
        var parameters = (jwkKey ?? Key).ExportParameters(false);
        var jwk = new JsonObject
        {
            ["kty"] = "EC",
            ["crv"] = "P-256",
            ["x"] = Base64Url.EncodeToString(parameters.Q.X),
            ["y"] = Base64Url.EncodeToString(parameters.Q.Y),
            ["alg"] = "ES256",
        };
        if (x5u is null)
        {
            jwk["x5c"] = new JsonArray(Chain.Select(c => (JsonNode)Convert.ToBase64String(c.RawData)).ToArray());
        }
        else
        {
            jwk["x5u"] = x5u.AbsoluteUri;
        }
        return new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/did/v1", "https://w3id.org/security/suites/jws-2020/v1"),
            ["id"] = Did,
            ["verificationMethod"] = new JsonArray(
                new JsonObject
                {
                    ["id"] = KeyId,
                    ["type"] = "JsonWebKey2020",
                    ["controller"] = Did,
                    ["publicKeyJwk"] = jwk,
                }
            ),
            ["assertionMethod"] = new JsonArray(KeyId),
        };
    }

    public string ChainPem() => string.Concat(Chain.Select(c => c.ExportCertificatePem() + "\n"));

    /// <summary>Signs a JWS with this identity's key (ES256), with the given header and payload.</summary>
    public string Sign(JsonObject header, JsonObject payload) => SignWith(Key, header, payload);

    /// <summary>Signs a JWS with <paramref name="key"/> (ES256), the header taken as given.</summary>
    public static string SignWith(ECDsa key, JsonObject header, JsonObject payload) => Jose.SignAsIs(header, payload, key);

    public void Dispose()
    {
        // The rest of the chain belongs to the certificate authority (the TestPki).
        Key.Dispose();
        Chain[0].Dispose();
    }
}
