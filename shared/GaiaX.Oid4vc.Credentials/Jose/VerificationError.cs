namespace GaiaX.Oid4vc.Credentials.Jose;

/// <summary>A refusal: the reason code, a message fit for an error description, and inner refusals.</summary>
public sealed record VerificationError(VerificationFailure Reason, string Message)
{
    /// <summary>Refusals of nested items (e.g. each enveloped credential of a presentation).</summary>
    public IReadOnlyList<VerificationError> Inner { get; init; } = [];

    public override string ToString() => $"{Reason}: {Message}";
}
