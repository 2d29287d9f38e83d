using System.Text.Json;
using System.Text.Json.Serialization;
using GaiaX.Oid4vc.ServiceDefaults;
using GaiaX.Oid4vc.Verifier.Requests;

namespace GaiaX.Oid4vc.Verifier.Status;

/// <summary>The relying party's view of a request: <c>GET /api/presentation-requests/{id}</c>.</summary>
public sealed record PresentationRequestStatusView
{
    /// <summary>
    /// How the status is written, by the status API and in webhooks alike: snake_case like the protocol the
    /// management API fronts, relaxed escaping (bodies for programs).
    /// </summary>
    public static JsonSerializerOptions SerializerOptions { get; } =
        JsonBodies.Relaxed(new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower });

    [JsonPropertyName("request_id")]
    public required string RequestId { get; init; }

    [JsonPropertyName("status")]
    public required string Status { get; init; }

    [JsonPropertyName("client_id")]
    public required string ClientId { get; init; }

    [JsonPropertyName("response_mode")]
    public required string ResponseMode { get; init; }

    [JsonPropertyName("created_at")]
    public DateTimeOffset CreatedAt { get; init; }

    [JsonPropertyName("expires_at")]
    public DateTimeOffset ExpiresAt { get; init; }

    [JsonPropertyName("retrieved_at")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? RetrievedAt { get; init; }

    [JsonPropertyName("responded_at")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? RespondedAt { get; init; }

    /// <summary>Verified credentials per DCQL credential query id (withheld until the response code is shown for same-device
    /// requests).</summary>
    [JsonPropertyName("verified_credentials")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, IReadOnlyList<VerifiedCredentialView>>? VerifiedCredentials { get; init; }

    [JsonPropertyName("response_code_required")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool ResponseCodeRequired { get; init; }

    [JsonPropertyName("reasons")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<RejectionReason>? Reasons { get; init; }

    /// <summary>Whether the relying party asked for the compliance assessment.</summary>
    [JsonPropertyName("compliance_requested")]
    public bool ComplianceRequested { get; init; }

    [JsonPropertyName("compliance")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ComplianceOutcome? Compliance { get; init; }

    [JsonPropertyName("offer")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public LabelCredentialOffer? Offer { get; init; }

    /// <summary>A request nobody answered in time.</summary>
    public const string Expired = "expired";

    public static PresentationRequestStatusView From(PresentationRequest request, bool revealCredentials, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var status = request.Status switch
        {
            _ when request.IsAwaitingResponseAt(now) && now >= request.ExpiresAt => Expired,
            // "processing" is an internal step: to the relying party the response has not been judged
            // yet (and after a lapsed claim the request waits for a response again).
            PresentationRequestStatus.Processing => PresentationRequestStatus.Retrieved,
            var other => other,
        };
        return new PresentationRequestStatusView
        {
            RequestId = request.Id,
            Status = status,
            ClientId = request.ClientId,
            ResponseMode = request.ResponseMode,
            CreatedAt = request.CreatedAt,
            ExpiresAt = request.ExpiresAt,
            RetrievedAt = request.RetrievedAt,
            RespondedAt = request.RespondedAt,
            VerifiedCredentials = revealCredentials ? request.VerifiedCredentials : null,
            ResponseCodeRequired = !revealCredentials && request.VerifiedCredentials is not null,
            Reasons = request.Reasons,
            ComplianceRequested = request.ComplianceRequested,
            Compliance = request.Compliance,
            Offer = request.Offer,
        };
    }
}
