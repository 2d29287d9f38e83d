namespace GaiaX.Oid4vc.Verifier.Dcql;

/// <summary>A Credential Query (§6.1).</summary>
public sealed record CredentialQuery
{
    public required string Id { get; init; }

    public required string Format { get; init; }

    public bool Multiple { get; init; }

    public required CredentialQueryMeta Meta { get; init; }

    public IReadOnlyList<TrustedAuthoritiesQuery>? TrustedAuthorities { get; init; }

    /// <summary>Defaults to true: a presentation with a holder-binding proof is required.</summary>
    public bool RequireCryptographicHolderBinding { get; init; } = true;

    public IReadOnlyList<ClaimsQuery>? Claims { get; init; }

    /// <summary>Alternative combinations of claim ids, most preferred first; null when absent.</summary>
    public IReadOnlyList<IReadOnlyList<string>>? ClaimSets { get; init; }
}
