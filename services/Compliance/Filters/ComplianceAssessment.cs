namespace GaiaX.Oid4vc.Compliance.Filters;

/// <summary>The outcome of one run of the chain; a compliant presentation's <see cref="Label"/> says which level it earns.</summary>
public sealed record ComplianceAssessment(
    ComplianceScope Scope,
    DateTimeOffset AssessedAt,
    IReadOnlyList<ComplianceFailure> Failures,
    IReadOnlyList<AssessedCredentialSummary> Credentials,
    string? Holder,
    Labels.LabelDecision? Label = null
)
{
    public bool IsCompliant => Failures.Count == 0 && Credentials.Count > 0;
}
