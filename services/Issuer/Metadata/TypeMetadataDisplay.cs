using System.Text.Json.Serialization;

namespace GaiaX.Oid4vc.Issuer.Metadata;

/// <summary>How a wallet names a credential type in one locale.</summary>
public sealed record TypeMetadataDisplay(
    [property: JsonPropertyName("locale")] string Locale,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string? Description
);
