namespace GaiaX.Oid4vc.Verifier.Dcql;

/// <summary>A Credential Set Query (§6.2).</summary>
public sealed record CredentialSetQuery
{
    public required IReadOnlyList<IReadOnlyList<string>> Options { get; init; }

    public bool Required { get; init; } = true;
}
