using System.Text.Json.Serialization;

namespace GaiaX.Oid4vc.Issuer.Offers;

/// <summary>Answer of <c>GET /api/offers/{id}</c>.</summary>
public sealed record OfferStatusResponse(
    [property: JsonPropertyName("offer_id")] string OfferId,
    [property: JsonPropertyName("status")] OfferStatus Status,
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("credential_configuration_ids")] IReadOnlyList<string> CredentialConfigurationIds,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("expires_at")] DateTimeOffset ExpiresAt
);
