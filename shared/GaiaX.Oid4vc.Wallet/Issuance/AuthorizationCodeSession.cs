namespace GaiaX.Oid4vc.Wallet.Issuance;

/// <summary>An authorization code flow in progress: the URL to open and what the wallet must keep.</summary>
public sealed record AuthorizationCodeSession(Uri AuthorizationUrl, Pkce Pkce, string State, string ClientId, string RedirectUri);
