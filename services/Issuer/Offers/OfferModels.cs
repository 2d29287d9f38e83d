using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace GaiaX.Oid4vc.Issuer.Offers;

/// <summary>Body of <c>POST /api/offers</c>.</summary>
public sealed record CreateOfferRequest
{
    [JsonPropertyName("credential_configuration_ids")]
    public IReadOnlyList<string>? CredentialConfigurationIds { get; init; }

    /// <summary>Claims per credential configuration id.</summary>
    [JsonPropertyName("claims")]
    public Dictionary<string, JsonElement>? Claims { get; init; }

    /// <summary>The transaction code to require; absent means none.</summary>
    [JsonPropertyName("tx_code")]
    public TransactionCodeRequest? TxCode { get; init; }

    [JsonPropertyName("expires_in")]
    public int? ExpiresIn { get; init; }

    /// <summary>The credential subject (e.g. the participant's DID), when the back end knows it.</summary>
    [JsonPropertyName("subject_id")]
    public string? SubjectId { get; init; }
}

/// <summary>How the transaction code looks: <c>input_mode</c> (<c>numeric</c> or <c>text</c>), <c>length</c>, <c>description</c>.</summary>
public sealed record TransactionCodeRequest(
    [property: JsonPropertyName("input_mode")] string? InputMode,
    [property: JsonPropertyName("length")] int? Length,
    [property: JsonPropertyName("description")] string? Description);

/// <summary>Answer of <c>POST /api/offers</c> (201).</summary>
public sealed record CreateOfferResponse(
    [property: JsonPropertyName("offer_id")] string OfferId,
    [property: JsonPropertyName("credential_offer")] JsonObject CredentialOffer,
    [property: JsonPropertyName("credential_offer_uri")] string CredentialOfferUri,
    [property: JsonPropertyName("offer_uri")] string OfferUri,
    [property: JsonPropertyName("offer_uri_by_value")] string OfferUriByValue,
    [property: JsonPropertyName("tx_code")] string? TxCode,
    [property: JsonPropertyName("expires_at")] DateTimeOffset ExpiresAt,
    [property: JsonPropertyName("qr_png")] string QrPng,
    [property: JsonPropertyName("qr_svg")] string QrSvg);

/// <summary>Answer of <c>GET /api/offers/{id}</c>.</summary>
public sealed record OfferStatusResponse(
    [property: JsonPropertyName("offer_id")] string OfferId,
    [property: JsonPropertyName("status")] OfferStatus Status,
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("credential_configuration_ids")] IReadOnlyList<string> CredentialConfigurationIds,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("expires_at")] DateTimeOffset ExpiresAt);
