namespace GaiaX.Oid4vc.Verifier.Requests;

/// <summary>The compliance engine's assessment of the presented credentials.</summary>
public sealed record ComplianceOutcome
{
    public required bool Compliant { get; init; }

    public IReadOnlyList<string>? Reasons { get; init; }

    /// <summary>The label credential (VC-JWT) the compliance engine issued, when compliant.</summary>
    public string? LabelCredential { get; init; }

    public DateTimeOffset AssessedAt { get; init; }
}
