namespace GaiaX.Oid4vc.Credentials.Jose;

/// <summary>Either a value or a <see cref="VerificationError"/>; verification never throws for bad input.</summary>
public readonly struct VerificationResult<T>
{
    private VerificationResult(T? value, VerificationError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public VerificationError? Error { get; }

    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Value))]
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    public static VerificationResult<T> Success(T value) => new(value, null);

    public static VerificationResult<T> Fail(VerificationError error) => new(default, error);

    public static VerificationResult<T> Fail(VerificationFailure reason, string message) =>
        new(default, new VerificationError(reason, message));

    public static implicit operator VerificationResult<T>(VerificationError error) => Fail(error);

    public override string ToString() => Succeeded ? $"Success({Value})" : $"Failure({Error})";
}
