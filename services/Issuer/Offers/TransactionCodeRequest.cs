using System.Text.Json.Serialization;

namespace GaiaX.Oid4vc.Issuer.Offers;

/// <summary>How the transaction code looks: <c>input_mode</c> (<c>numeric</c> or <c>text</c>), <c>length</c>, <c>description</c>.</summary>
public sealed record TransactionCodeRequest(
    [property: JsonPropertyName("input_mode")] string? InputMode,
    [property: JsonPropertyName("length")] int? Length,
    [property: JsonPropertyName("description")] string? Description
);
