namespace GaiaX.Oid4vc.Verifier.Dcql;

/// <summary>The outcome of checking a response against a DCQL query.</summary>
public sealed record DcqlEvaluation(
    bool IsSatisfied,
    IReadOnlyList<DcqlViolation> Violations,
    IReadOnlyDictionary<string, IReadOnlyList<PresentedCredential>> Accepted
);
