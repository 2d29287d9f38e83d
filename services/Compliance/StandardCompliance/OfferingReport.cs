using System.Text.Json.Serialization;
using GaiaX.Oid4vc.Compliance.Labels;

namespace GaiaX.Oid4vc.Compliance.StandardCompliance;

/// <summary>The level a service offering reaches, its provider's, and per level the criteria still missing.</summary>
public sealed record OfferingReport(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("provider")] string? Provider,
    [property: JsonPropertyName("labelLevel")] string LabelLevel,
    [property: JsonPropertyName("providerLabelLevel")] string ProviderLabelLevel,
    [property: JsonPropertyName("levels")] IReadOnlyList<LevelReport> Levels
)
{
    public static OfferingReport Of(OfferingLabel offering)
    {
        ArgumentNullException.ThrowIfNull(offering);
        return new(
            offering.OfferingId,
            offering.ProviderId,
            offering.Level.ToString(),
            offering.ProviderLevel.ToString(),
            offering
                .Levels.Select(l => new LevelReport(
                    l.Level.ToString(),
                    l.Met,
                    l.Missing.Select(m => new MissingCriterionReport(m.Id, m.Evidence.ToString().ToLowerInvariant(), m.Reason)).ToArray()
                ))
                .ToArray()
        );
    }
}
