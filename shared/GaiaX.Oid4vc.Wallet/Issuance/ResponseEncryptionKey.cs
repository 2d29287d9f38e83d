using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Wallet.Presentation;

namespace GaiaX.Oid4vc.Wallet.Issuance;

/// <summary>
/// One encrypted credential exchange (OpenID4VCI 1.0 section 10): a fresh ECDH-ES key the issuer encrypts its answer to,
/// named in <c>credential_response_encryption</c>, and the request encrypted to the issuer's key — as section 8.2 demands
/// whenever response encryption is asked for, so nobody on the way can substitute the key.
/// </summary>
internal sealed class ResponseEncryptionKey : IDisposable
{
    private readonly ECDiffieHellman _key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
    private readonly string _kid = Guid.NewGuid().ToString("N");
    private readonly CredentialEncryptionMetadata _issuer;
    private readonly string _responseEnc;
    private readonly string _requestEnc;

    public ResponseEncryptionKey(CredentialEncryptionMetadata issuer)
    {
        _issuer = issuer;
        _responseEnc = Choose(issuer.ResponseEnc, "response");
        _requestEnc = Choose(issuer.RequestEnc, "request");
    }

    /// <summary>Adds <c>credential_response_encryption</c> to the request body.</summary>
    public void AddTo(JsonObject body)
    {
        var q = _key.ExportParameters(false).Q;
        body["credential_response_encryption"] = new JsonObject
        {
            ["jwk"] = new JsonObject
            {
                ["kty"] = "EC",
                ["crv"] = "P-256",
                ["x"] = Base64Url.EncodeToString(q.X),
                ["y"] = Base64Url.EncodeToString(q.Y),
                ["use"] = "enc",
                ["alg"] = EcdhEsJwe.Algorithm,
                ["kid"] = _kid,
            },
            ["enc"] = _responseEnc,
        };
    }

    /// <summary>The body as a JWE to the issuer's key (<c>application/jwt</c>).</summary>
    public string EncryptRequest(JsonObject body) =>
        EcdhEsEncrypter.Encrypt(Encoding.UTF8.GetBytes(body.ToJsonString()), _issuer.RequestKey, _requestEnc, contentType: "json");

    /// <summary>The JSON of an encrypted response; one this key cannot decrypt is the issuer's protocol error.</summary>
    public JsonDocument DecryptResponse(string jwe)
    {
        var result = EcdhEsJwe.Decrypt(jwe.Trim(), _key, _kid, Oid4vciClient.MaxResponseBytes);
        if (result.Plaintext is null)
        {
            throw new WalletProtocolException("invalid_credential_response", "The encrypted credential response: " + result.Error);
        }
        try
        {
            return JsonDocument.Parse(result.Plaintext);
        }
        catch (JsonException ex)
        {
            throw new WalletProtocolException("invalid_credential_response", "The decrypted credential response is not JSON.", ex);
        }
    }

    public void Dispose() => _key.Dispose();

    private static string Choose(IReadOnlyList<string> offered, string direction) =>
        offered.FirstOrDefault(EcdhEsJwe.ContentEncryption.Contains)
        ?? throw new WalletProtocolException(
            "invalid_issuer_metadata",
            $"The issuer offers no credential {direction} encryption this wallet supports (A128GCM, A256GCM)."
        );
}
