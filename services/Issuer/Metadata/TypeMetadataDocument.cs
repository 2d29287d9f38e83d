using System.Text.Json.Serialization;

namespace GaiaX.Oid4vc.Issuer.Metadata;

/// <summary>The wire form of SD-JWT VC Type Metadata served at <c>/types/{id}</c> (for the API description).</summary>
public sealed record TypeMetadataDocument(
    [property: JsonPropertyName("vct")] string Vct,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("display")] IReadOnlyList<TypeMetadataDisplay>? Display,
    [property: JsonPropertyName("claims")] IReadOnlyList<TypeMetadataClaim>? Claims
);
