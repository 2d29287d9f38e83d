using System.Text.Json;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Dapr.Events;
using GaiaX.Oid4vc.Issuer.Credentials;
using GaiaX.Oid4vc.Issuer.Metadata;
using GaiaX.Oid4vc.Issuer.Protocol;
using GaiaX.Oid4vc.Issuer.Token;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Issuer.Offers;

/// <summary>What a created offer hands back to its creator.</summary>
public sealed record CreatedOffer(OfferRecord Offer, JsonObject CredentialOffer, string? TransactionCode);
