namespace GaiaX.Oid4vc.Wallet.Issuance;

/// <summary>An access token and what the token response said about it.</summary>
public sealed record WalletToken(string AccessToken, string TokenType, IReadOnlyList<string> CredentialIdentifiers);
