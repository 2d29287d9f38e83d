using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.Jose;

namespace GaiaX.Oid4vc.Credentials.SdJwt;

/// <summary>
/// An SD-JWT Disclosure (RFC 9901 §4.2): base64url of <c>[salt, name, value]</c> for an object
/// property or <c>[salt, value]</c> for an array element; its digest is base64url(SHA-256(ASCII(disclosure))).
/// </summary>
public sealed record Disclosure(string Encoded, string Digest, string Salt, string? Name, JsonNode? Value)
{
    /// <summary>Whether this discloses an array element (no claim name).</summary>
    public bool IsArrayElement => Name is null;

    /// <summary>Creates a disclosure with a fresh 128-bit salt.</summary>
    public static Disclosure Create(string? name, JsonNode? value)
    {
        var salt = Base64UrlStrict.Encode(RandomNumberGenerator.GetBytes(16));
        var array = name is null ? new JsonArray(salt, value) : new JsonArray(salt, name, value);
        var encoded = Base64UrlStrict.Encode(Jws.Serialize(array));
        return new Disclosure(encoded, DigestOf(encoded), salt, name, value);
    }

    /// <summary>The sha-256 digest of an encoded disclosure (or of any ASCII string, as for <c>sd_hash</c>).</summary>
    public static string DigestOf(string encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        return Base64UrlStrict.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(encoded)));
    }

    /// <summary>A random digest, indistinguishable from a real one (RFC 9901 §4.2.5).</summary>
    public static string Decoy() => Base64UrlStrict.Encode(SHA256.HashData(RandomNumberGenerator.GetBytes(32)));

    public static VerificationResult<Disclosure> Parse(string encoded)
    {
        if (!Base64UrlStrict.TryDecode(encoded, out var bytes) || encoded.Length == 0)
        {
            return Fail("A disclosure is not base64url.");
        }
        if (!Jws.IsWellFormedText(bytes))
        {
            return Fail("A disclosure is not UTF-8 JSON.");
        }
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { MaxDepth = 64, AllowDuplicateProperties = false });
        }
        catch (JsonException)
        {
            return Fail("A disclosure is not JSON.");
        }
        if (node is not JsonArray array || array.Count is not (2 or 3))
        {
            return Fail("A disclosure must be a JSON array of two or three elements.");
        }
        if (array[0] is not JsonValue saltValue || !saltValue.TryGetValue<string>(out var salt))
        {
            return Fail("A disclosure's salt must be a string.");
        }
        string? name = null;
        if (array.Count == 3)
        {
            if (array[1] is not JsonValue nameValue || !nameValue.TryGetValue(out name))
            {
                return Fail("A disclosure's claim name must be a string.");
            }
            if (name is "_sd" or "...")
            {
                return Fail($"A disclosure may not disclose a claim named '{name}'.");
            }
        }
        var value = array[^1];
        array.RemoveAt(array.Count - 1);
        return VerificationResult<Disclosure>.Success(new Disclosure(encoded, DigestOf(encoded), salt, name, value));
    }

    private static VerificationResult<Disclosure> Fail(string message) =>
        VerificationResult<Disclosure>.Fail(VerificationFailure.DisclosureInvalid, message);
}
