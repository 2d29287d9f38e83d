namespace GaiaX.Oid4vc.Compliance.Filters;

/// <summary>The outcome of one run of the chain.</summary>
public sealed record ComplianceAssessment(
    ComplianceScope Scope,
    DateTimeOffset AssessedAt,
    IReadOnlyList<ComplianceFailure> Failures,
    IReadOnlyList<AssessedCredentialSummary> Credentials,
    string? Holder
)
{
    public bool IsCompliant => Failures.Count == 0 && Credentials.Count > 0;
}
