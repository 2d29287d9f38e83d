namespace GaiaX.Oid4vc.Issuer.Authorization;

public sealed record PushedAuthorizationResponse(
    [property: System.Text.Json.Serialization.JsonPropertyName("request_uri")] string RequestUri,
    [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] int ExpiresIn
);
