using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace GaiaX.Oid4vc.Testing;

/// <summary>
/// Minimal JOSE helpers for test wallets, test issuers and test parties (P-256 keys), written
/// independently of the production JOSE code so tests can build tokens it would refuse to make.
/// </summary>
public static class Jose
{
    public static string B64(byte[] bytes) => Base64Url.EncodeToString(bytes);

    public static string B64(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    /// <summary>A compact JWS signed ES256; sets <c>alg</c> in <paramref name="header"/>.</summary>
    public static string SignEs256(JsonObject header, JsonObject payload, ECDsa key) => Sign(header, payload, key, "ES256");

    /// <summary>
    /// A compact JWS whose header claims <paramref name="alg"/> (set in <paramref name="header"/>); the
    /// signature is always ES256 with <paramref name="key"/>, so another alg makes a lying header, and
    /// "none" an unsigned token.
    /// </summary>
    public static string Sign(JsonObject header, JsonObject payload, ECDsa key, string alg)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(key);
        header["alg"] = alg;
        return SignAsIs(header, payload, key, unsigned: alg == "none");
    }

    /// <summary>A compact JWS of <paramref name="header"/> as given (no <c>alg</c> added), signed ES256 unless <paramref
    /// name="unsigned"/>.</summary>
    public static string SignAsIs(JsonObject header, JsonObject payload, ECDsa key, bool unsigned = false)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(key);
        var input = B64(header.ToJsonString()) + "." + B64(payload.ToJsonString());
        if (unsigned)
        {
            return input + ".";
        }
        var signature = key.SignData(
            Encoding.ASCII.GetBytes(input),
            HashAlgorithmName.SHA256,
            DSASignatureFormat.IeeeP1363FixedFieldConcatenation
        );
        return input + "." + B64(signature);
    }

    public static JsonObject PublicJwk(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var p = key.ExportParameters(false);
        return new JsonObject
        {
            ["kty"] = "EC",
            ["crv"] = "P-256",
            ["x"] = B64(p.Q.X!),
            ["y"] = B64(p.Q.Y!),
        };
    }

    public static string DidJwk(ECDsa key) => "did:jwk:" + B64(PublicJwk(key).ToJsonString());

    public static JsonObject DecodePart(string jwt, int index) =>
        jwt is null
            ? throw new ArgumentNullException(nameof(jwt))
            : JsonNode.Parse(Base64Url.DecodeFromChars(jwt.Split('.')[index]))!.AsObject();

    public static bool VerifyEs256(string jwt, ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(jwt);
        ArgumentNullException.ThrowIfNull(key);
        var last = jwt.LastIndexOf('.');
        return key.VerifyData(
            Encoding.ASCII.GetBytes(jwt[..last]),
            Base64Url.DecodeFromChars(jwt.AsSpan(last + 1)),
            HashAlgorithmName.SHA256,
            DSASignatureFormat.IeeeP1363FixedFieldConcatenation
        );
    }

    public static long Now(TimeProvider? time = null) => (time ?? TimeProvider.System).GetUtcNow().ToUnixTimeSeconds();
}
