using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace GaiaX.Oid4vc.Issuer.Offers;

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
    [property: JsonPropertyName("qr_svg")] string QrSvg
);
