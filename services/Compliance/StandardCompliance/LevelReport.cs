using System.Text.Json.Serialization;

namespace GaiaX.Oid4vc.Compliance.StandardCompliance;

/// <summary>Whether a label level's criteria are all evidenced, and which are missing.</summary>
public sealed record LevelReport(
    [property: JsonPropertyName("level")] string Level,
    [property: JsonPropertyName("met")] bool Met,
    [property: JsonPropertyName("missing")] IReadOnlyList<MissingCriterionReport> Missing
);
