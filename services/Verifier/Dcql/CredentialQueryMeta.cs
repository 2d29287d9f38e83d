namespace GaiaX.Oid4vc.Verifier.Dcql;

/// <summary>
/// The format-specific <c>meta</c> constraints: <c>vct_values</c> for <c>dc+sd-jwt</c>,
/// <c>type_values</c> for W3C formats.
/// </summary>
public sealed record CredentialQueryMeta
{
    public IReadOnlyList<string>? VctValues { get; init; }

    public IReadOnlyList<IReadOnlyList<string>>? TypeValues { get; init; }
}
