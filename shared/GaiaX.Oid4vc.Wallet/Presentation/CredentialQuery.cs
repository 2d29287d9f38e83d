namespace GaiaX.Oid4vc.Wallet.Presentation;

/// <summary>A Credential Query (§6.1).</summary>
public sealed record CredentialQuery(
    string Id,
    string Format,
    bool Multiple,
    IReadOnlyList<IReadOnlyList<string>>? TypeValues,
    IReadOnlyList<string>? VctValues,
    IReadOnlyList<ClaimsQuery>? Claims,
    IReadOnlyList<IReadOnlyList<string>>? ClaimSets,
    bool RequireHolderBinding
);
