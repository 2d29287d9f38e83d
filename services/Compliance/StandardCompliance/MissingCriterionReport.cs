using System.Text.Json.Serialization;

namespace GaiaX.Oid4vc.Compliance.StandardCompliance;

/// <summary>A criterion a level needs (by its Compliance Document id), the evidence it needs, and why it is missing.</summary>
public sealed record MissingCriterionReport(
    [property: JsonPropertyName("criterion")] string Criterion,
    [property: JsonPropertyName("evidence")] string Evidence,
    [property: JsonPropertyName("reason")] string Reason
);
