using System.Text.Json.Serialization;

namespace GaiaX.Oid4vc.Issuer.Offers;

/// <summary>The authorization code grant of an offer: the <c>issuer_state</c> to send to the authorization endpoint.</summary>
public sealed record AuthorizationCodeGrant([property: JsonPropertyName("issuer_state")] string IssuerState);
