using System.Text.Json.Serialization;

namespace GaiaX.Oid4vc.Issuer.Token;

/// <summary>The token response (RFC 6749 5.1, OpenID4VCI 1.0 section 6.2).</summary>
public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("authorization_details")] IReadOnlyList<TokenAuthorizationDetail>? AuthorizationDetails,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken = null
);
