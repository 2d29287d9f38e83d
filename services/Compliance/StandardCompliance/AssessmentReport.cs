using System.Text.Json.Serialization;
using GaiaX.Oid4vc.Compliance.Filters;

namespace GaiaX.Oid4vc.Compliance.StandardCompliance;

/// <summary>
/// What the assessment endpoint answers: the verdict, every failure, and for a compliant presentation the label level it
/// earns with, per service offering and level, the criteria still missing.
/// </summary>
public sealed record AssessmentReport(
    [property: JsonPropertyName("compliant")] bool Compliant,
    [property: JsonPropertyName("labelLevel")] string? LabelLevel,
    [property: JsonPropertyName("rulesVersion")] string? RulesVersion,
    [property: JsonPropertyName("failures")] IReadOnlyList<AssessmentFailure> Failures,
    [property: JsonPropertyName("offerings")] IReadOnlyList<OfferingReport> Offerings
)
{
    public static AssessmentReport Of(ComplianceAssessment assessment)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        var label = assessment.Label;
        return new AssessmentReport(
            assessment.IsCompliant,
            assessment.IsCompliant ? (label?.Level ?? Labels.LabelLevel.SC).ToString() : null,
            label?.CriteriaVersion,
            AssessmentFailure.Of(assessment.Failures),
            (label?.Offerings ?? []).Select(OfferingReport.Of).ToArray()
        );
    }
}
