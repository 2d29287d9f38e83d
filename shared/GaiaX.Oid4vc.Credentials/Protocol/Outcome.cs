using System.Diagnostics.CodeAnalysis;

namespace GaiaX.Oid4vc.Credentials.Protocol;

/// <summary>Either a value or the <see cref="ProtocolError"/> that prevented it: what every validator returns.</summary>
public readonly struct Outcome<T>
{
    private Outcome(T? value, ProtocolError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public ProtocolError? Error { get; }

    [MemberNotNullWhen(true, nameof(Error))]
    [MemberNotNullWhen(false, nameof(Value))]
    public bool Failed => Error is not null;

    public static Outcome<T> Success(T value) => new(value, null);

    public static Outcome<T> Fail(ProtocolError error) => new(default, error);

    public static Outcome<T> Fail(string error, string? description = null, int status = 400) =>
        new(default, new ProtocolError(error, description, status));

    public static implicit operator Outcome<T>(ProtocolError error) => Fail(error);
}
