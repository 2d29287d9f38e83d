namespace GaiaX.Oid4vc.Wallet.Issuance;

/// <summary>The authorization code grant of an offer.</summary>
public sealed record AuthorizationCodeGrant(string? IssuerState, string? AuthorizationServer);
