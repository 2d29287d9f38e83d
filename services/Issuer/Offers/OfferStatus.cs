using System.Text.Json.Serialization;

namespace GaiaX.Oid4vc.Issuer.Offers;

/// <summary>Where an offer stands, as <c>GET /api/offers/{id}</c> reports it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OfferStatus>))]
public enum OfferStatus
{
    [JsonStringEnumMemberName("offered")]
    Offered,

    [JsonStringEnumMemberName("token_issued")]
    TokenIssued,

    [JsonStringEnumMemberName("pending")]
    Pending,

    [JsonStringEnumMemberName("issued")]
    Issued,

    [JsonStringEnumMemberName("failed")]
    Failed,

    [JsonStringEnumMemberName("expired")]
    Expired,
}
