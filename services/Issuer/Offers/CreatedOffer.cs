using System.Text.Json.Nodes;

namespace GaiaX.Oid4vc.Issuer.Offers;

/// <summary>What a created offer hands back to its creator.</summary>
public sealed record CreatedOffer(OfferRecord Offer, JsonObject CredentialOffer, string? TransactionCode);
