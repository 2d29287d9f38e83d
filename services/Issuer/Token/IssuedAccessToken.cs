namespace GaiaX.Oid4vc.Issuer.Token;

/// <summary>An access token issued in a refresh token family, by the SHA-256 of the token.</summary>
public sealed record IssuedAccessToken(string TokenHash, DateTimeOffset ExpiresAt);
