using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Verifier.Tests.Support;

/// <summary>Minimal JOSE helpers for the test wallet and test issuers (ES256 only).</summary>
public static class Jose
{
    public static string B64(byte[] bytes) => Base64Url.EncodeToString(bytes);

    public static string B64(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    public static string SignEs256(JsonObject header, JsonObject payload, ECDsa key)
    {
        header["alg"] = "ES256";
        var input = B64(header.ToJsonString()) + "." + B64(payload.ToJsonString());
        var signature = key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return input + "." + B64(signature);
    }

    public static JsonObject PublicJwk(ECDsa key)
    {
        var p = key.ExportParameters(false);
        return new JsonObject { ["kty"] = "EC", ["crv"] = "P-256", ["x"] = B64(p.Q.X!), ["y"] = B64(p.Q.Y!) };
    }

    public static string DidJwk(ECDsa key) => "did:jwk:" + B64(PublicJwk(key).ToJsonString());

    public static JsonObject DecodePart(string jwt, int index) =>
        JsonNode.Parse(Base64Url.DecodeFromChars(jwt.Split('.')[index]))!.AsObject();

    public static bool VerifyEs256(string jwt, ECDsa key)
    {
        var last = jwt.LastIndexOf('.');
        return key.VerifyData(Encoding.ASCII.GetBytes(jwt[..last]), Base64Url.DecodeFromChars(jwt.AsSpan(last + 1)), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    public static long Now(TimeProvider? time = null) => (time ?? TimeProvider.System).GetUtcNow().ToUnixTimeSeconds();
}
