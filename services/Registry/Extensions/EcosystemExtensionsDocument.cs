using System.Text.Json.Serialization;

namespace GaiaX.Oid4vc.Registry.Extensions;

/// <summary>Every registered extension, with the trust list version it belongs to.</summary>
public sealed record EcosystemExtensionsDocument(
    [property: JsonPropertyName("version")] long Version,
    [property: JsonPropertyName("items")] IReadOnlyList<EcosystemExtensionDocument> Items
);
