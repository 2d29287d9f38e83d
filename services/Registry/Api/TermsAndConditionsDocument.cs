using System.Text.Json.Serialization;

namespace GaiaX.Oid4vc.Registry.Api;

/// <summary>One accepted terms-and-conditions text: its version, the text when published, and its SHA-256 (hex).</summary>
public sealed record TermsAndConditionsDocument(
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("text")] string? Text,
    [property: JsonPropertyName("hash")] string Hash
);
