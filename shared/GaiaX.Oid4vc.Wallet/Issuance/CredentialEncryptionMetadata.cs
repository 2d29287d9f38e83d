using System.Text.Json;
using System.Text.Json.Nodes;

namespace GaiaX.Oid4vc.Wallet.Issuance;

/// <summary>
/// What an issuer says of encryption (OpenID4VCI 1.0 section 12.2.4): the key to encrypt requests to (the first ECDH-ES
/// P-256 key of <c>credential_request_encryption.jwks</c>), the <c>enc</c> values of each direction, and whether
/// encryption is required.
/// </summary>
public sealed record CredentialEncryptionMetadata(
    JsonObject RequestKey,
    IReadOnlyList<string> RequestEnc,
    IReadOnlyList<string> ResponseEnc,
    bool Required
)
{
    /// <summary>The issuer's encryption metadata, or null when it offers no encryption this wallet can use.</summary>
    public static CredentialEncryptionMetadata? Parse(JsonElement root)
    {
        if (
            !root.TryGetProperty("credential_request_encryption", out var request)
            || request.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("credential_response_encryption", out var response)
            || response.ValueKind != JsonValueKind.Object
            || !request.TryGetProperty("jwks", out var jwks)
            || !jwks.TryGetProperty("keys", out var keys)
            || keys.ValueKind != JsonValueKind.Array
        )
        {
            return null;
        }
        var key = keys.EnumerateArray()
            .FirstOrDefault(k =>
                k.ValueKind == JsonValueKind.Object
                && IssuerMetadata.String(k, "alg") == "ECDH-ES"
                && IssuerMetadata.String(k, "crv") == "P-256"
                && IssuerMetadata.String(k, "use") is null or "enc"
            );
        if (key.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        var required =
            (request.TryGetProperty("encryption_required", out var a) && a.ValueKind == JsonValueKind.True)
            || (response.TryGetProperty("encryption_required", out var b) && b.ValueKind == JsonValueKind.True);
        return new CredentialEncryptionMetadata(
            JsonNode.Parse(key.GetRawText())!.AsObject(),
            Strings(request),
            Strings(response),
            required
        );
    }

    private static List<string> Strings(JsonElement block) =>
        block.TryGetProperty("enc_values_supported", out var values) && values.ValueKind == JsonValueKind.Array
            ? values.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList()
            : [];
}
