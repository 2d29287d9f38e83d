namespace GaiaX.Oid4vc.Issuer.Token;

/// <summary>The access token presented at a protected endpoint, with what it grants.</summary>
public sealed record ValidatedAccessToken(string Token, AccessTokenRecord Record);
