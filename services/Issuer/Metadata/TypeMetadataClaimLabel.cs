using System.Text.Json.Serialization;

namespace GaiaX.Oid4vc.Issuer.Metadata;

/// <summary>A claim's label in one locale.</summary>
public sealed record TypeMetadataClaimLabel(
    [property: JsonPropertyName("locale")] string Locale,
    [property: JsonPropertyName("label")] string Label
);
