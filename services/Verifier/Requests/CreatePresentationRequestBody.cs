using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace GaiaX.Oid4vc.Verifier.Requests;

/// <summary>
/// The body of <c>POST /api/presentation-requests</c> as the OpenAPI document describes it. The endpoint
/// reads the body itself (<see cref="CreatePresentationRequestValidator"/>), so that every problem is
/// reported with its JSON Pointer.
/// </summary>
public sealed record CreatePresentationRequestBody(
    [property: JsonPropertyName("dcql_query")] JsonObject DcqlQuery,
    [property: JsonPropertyName("response_mode")] string? ResponseMode,
    [property: JsonPropertyName("client_id_prefix")] string? ClientIdPrefix,
    [property: JsonPropertyName("request_uri_method")] string? RequestUriMethod,
    [property: JsonPropertyName("redirect_uri")] string? RedirectUri,
    [property: JsonPropertyName("callback_url")] string? CallbackUrl,
    [property: JsonPropertyName("compliance")] bool? Compliance,
    [property: JsonPropertyName("transaction_data")] IReadOnlyList<string>? TransactionData
);
