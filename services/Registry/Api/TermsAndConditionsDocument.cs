using System.Text.Json.Serialization;

namespace GaiaX.Oid4vc.Registry.Api;

/// <summary>
/// <c>GET /api/termsAndConditions</c>: the version, the text when published and its SHA-256 (hex) that credentials carry,
/// and every accepted SHA-256 (a release may accept several texts).
/// </summary>
public sealed record TermsAndConditionsDocument(
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("text")] string? Text,
    [property: JsonPropertyName("hash")] string Hash,
    [property: JsonPropertyName("hashes")] IReadOnlyList<string> Hashes
);
