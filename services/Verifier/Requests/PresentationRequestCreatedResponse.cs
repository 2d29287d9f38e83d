using System.Text.Json.Serialization;

namespace GaiaX.Oid4vc.Verifier.Requests;

/// <summary>The answer to <c>POST /api/presentation-requests</c>: how a wallet is invoked, and where to follow the request.</summary>
public sealed record PresentationRequestCreatedResponse(
    [property: JsonPropertyName("request_id")] string RequestId,
    [property: JsonPropertyName("client_id")] string ClientId,
    [property: JsonPropertyName("authorization_request_uri")] string AuthorizationRequestUri,
    [property: JsonPropertyName("request_uri")] string RequestUri,
    [property: JsonPropertyName("request_uri_method")] string RequestUriMethod,
    [property: JsonPropertyName("response_mode")] string ResponseMode,
    [property: JsonPropertyName("expires_at")] DateTimeOffset ExpiresAt,
    [property: JsonPropertyName("status_uri")] string StatusUri,
    [property: JsonPropertyName("qr_code")] QrCodeLinks QrCode
);
