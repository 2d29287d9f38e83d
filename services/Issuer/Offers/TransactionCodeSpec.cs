using System.Text.Json.Serialization;

namespace GaiaX.Oid4vc.Issuer.Offers;

/// <summary>The transaction code an offer asks for (without the code itself).</summary>
public sealed record TransactionCodeSpec(
    [property: JsonPropertyName("input_mode")] string InputMode,
    [property: JsonPropertyName("length")] int Length,
    [property: JsonPropertyName("description")] string? Description
);
