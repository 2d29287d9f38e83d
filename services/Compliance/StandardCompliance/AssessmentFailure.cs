using System.Text.Json.Serialization;

namespace GaiaX.Oid4vc.Compliance.StandardCompliance;

/// <summary>One failure of the chain, as the non-compliant problem lists it.</summary>
public sealed record AssessmentFailure(
    [property: JsonPropertyName("credentialId")] string CredentialId,
    [property: JsonPropertyName("filter")] string Filter,
    [property: JsonPropertyName("criterion")] string Criterion,
    [property: JsonPropertyName("message")] string Message
)
{
    /// <summary>The wire form of the chain's failures (the non-compliant problem's and the assessment report's).</summary>
    public static AssessmentFailure[] Of(IEnumerable<Filters.ComplianceFailure> failures) =>
        failures.Select(f => new AssessmentFailure(f.CredentialId, f.Filter, f.Criterion, f.Message)).ToArray();
}
