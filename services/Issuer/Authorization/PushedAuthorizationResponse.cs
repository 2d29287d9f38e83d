using GaiaX.Oid4vc.Issuer.Metadata;
using GaiaX.Oid4vc.Issuer.Protocol;
using GaiaX.Oid4vc.Issuer.Token;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using GaiaX.Oid4vc.ServiceDefaults;
using GaiaX.Oid4vc.Credentials.Protocol;

namespace GaiaX.Oid4vc.Issuer.Authorization;

public sealed record PushedAuthorizationResponse(
    [property: System.Text.Json.Serialization.JsonPropertyName("request_uri")] string RequestUri,
    [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] int ExpiresIn);
