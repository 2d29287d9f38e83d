namespace GaiaX.Oid4vc.Credentials.RegistrationNumbers;

/// <summary>The outcome of a syntax check: either a normalised number or what is wrong with the input.</summary>
public sealed record SyntaxCheckResult
{
    private SyntaxCheckResult(RegistrationNumber? number, string? error)
    {
        Number = number;
        Error = error;
    }

    public RegistrationNumber? Number { get; }

    /// <summary>A sentence naming what is wrong, fit for the <c>detail</c> of a 400 problem.</summary>
    public string? Error { get; }

    public bool IsValid => Number is not null;

    public static SyntaxCheckResult Valid(RegistrationNumber number) => new(number, null);

    public static SyntaxCheckResult Invalid(string error) => new(null, error);
}
