namespace GaiaX.Oid4vc.Issuer.Metadata;

/// <summary>Grant type identifiers.</summary>
public static class GrantTypes
{
    public const string AuthorizationCode = "authorization_code";
    public const string PreAuthorizedCode = "urn:ietf:params:oauth:grant-type:pre-authorized_code";
    public const string RefreshToken = "refresh_token";
}
