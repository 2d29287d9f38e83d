namespace GaiaX.Oid4vc.Wallet.Presentation;

/// <summary>A Credential Set Query (§6.2).</summary>
public sealed record CredentialSetQuery(IReadOnlyList<IReadOnlyList<string>> Options, bool Required);
