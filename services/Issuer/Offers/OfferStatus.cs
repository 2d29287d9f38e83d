using Microsoft.Extensions.Caching.Memory;
using System.Text.Json;
using System.Text.Json.Serialization;
using GaiaX.Oid4vc.Issuer.Protocol;
using GaiaX.Oid4vc.Dapr.State;

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
