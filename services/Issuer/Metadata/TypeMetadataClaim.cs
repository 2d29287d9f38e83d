using System.Text.Json.Serialization;

namespace GaiaX.Oid4vc.Issuer.Metadata;

/// <summary>One claim of a credential type: its path, labels, whether it is always present and how it is disclosed.</summary>
public sealed record TypeMetadataClaim(
    [property: JsonPropertyName("path")] IReadOnlyList<string> Path,
    [property: JsonPropertyName("display")] IReadOnlyList<TypeMetadataClaimLabel>? Display,
    [property: JsonPropertyName("mandatory")] bool? Mandatory,
    [property: JsonPropertyName("sd")] string? Sd
);
