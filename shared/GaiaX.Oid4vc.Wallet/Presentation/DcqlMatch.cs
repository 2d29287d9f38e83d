namespace GaiaX.Oid4vc.Wallet.Presentation;

/// <summary>A held credential chosen for a credential query, with the claims paths to disclose.</summary>
public sealed record DcqlMatch(string QueryId, HeldCredential Credential, IReadOnlyList<IReadOnlyList<object?>> DisclosedPaths);
