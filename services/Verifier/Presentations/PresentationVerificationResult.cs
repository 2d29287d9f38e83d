namespace GaiaX.Oid4vc.Verifier.Presentations;

/// <summary>The outcome of verifying one presentation.</summary>
public sealed record PresentationVerificationResult(VerifiedPresentation? Presentation, string? FailureCode, string? Failure)
{
    public static PresentationVerificationResult Fail(string code, string failure) => new(null, code, failure);
}
