using System.Text.Json;
using GaiaX.Oid4vc.Credentials.Jose;

namespace GaiaX.Oid4vc.Credentials.DidWeb;

/// <summary>A resolved DID document (the raw JSON), with lookup of verification methods by exact id.</summary>
public sealed class DidDocument
{
    private DidDocument(string id, JsonElement json)
    {
        Id = id;
        Json = json;
    }

    public string Id { get; }

    public JsonElement Json { get; }

    /// <summary>Parses and checks a DID document: a JSON object whose <c>id</c> is <paramref name="expectedDid"/>.</summary>
    public static VerificationResult<DidDocument> Parse(byte[] utf8, string expectedDid)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        if (!Jws.TryParseObject(utf8, out var json))
        {
            return Fail("The DID document is not a JSON object.");
        }
        var id = ParsedJws.OptionalString(json, "id");
        if (!string.Equals(id, expectedDid, StringComparison.Ordinal))
        {
            return Fail($"The DID document's id '{id}' is not '{expectedDid}'.");
        }
        if (json.TryGetProperty("verificationMethod", out var methods) && methods.ValueKind != JsonValueKind.Array)
        {
            return Fail("verificationMethod must be an array.");
        }
        return VerificationResult<DidDocument>.Success(new DidDocument(expectedDid, json));
    }

    /// <summary>
    /// The verification method whose id equals <paramref name="keyId"/> exactly (relative ids such
    /// as <c>#key-1</c> are resolved against the DID first). Never a "first key" fallback.
    /// </summary>
    public JsonElement? FindVerificationMethod(string keyId)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        if (!Json.TryGetProperty("verificationMethod", out var methods) || methods.ValueKind != JsonValueKind.Array)
        {
            return null;
        }
        foreach (var method in methods.EnumerateArray())
        {
            var id = ParsedJws.OptionalString(method, "id");
            if (id is null)
            {
                continue;
            }
            var absolute = id.StartsWith('#') ? Id + id : id;
            if (string.Equals(absolute, keyId, StringComparison.Ordinal))
            {
                return method;
            }
        }
        return null;
    }

    private static VerificationResult<DidDocument> Fail(string message) =>
        VerificationResult<DidDocument>.Fail(VerificationFailure.DidResolutionFailed, message);
}
