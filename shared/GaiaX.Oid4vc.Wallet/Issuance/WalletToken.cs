namespace GaiaX.Oid4vc.Wallet.Issuance;

/// <summary>An access token and what the token response said about it.</summary>
public sealed record WalletToken(string AccessToken, string TokenType, IReadOnlyList<string> CredentialIdentifiers)
{
    /// <summary>The credential configuration each credential identifier belongs to (its <c>authorization_details</c> entry).</summary>
    public IReadOnlyDictionary<string, string> ConfigurationOfIdentifier { get; init; } = new Dictionary<string, string>();
}
