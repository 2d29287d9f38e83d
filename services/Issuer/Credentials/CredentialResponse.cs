using System.Text.Json;
using System.Text.Json.Serialization;
using GaiaX.Oid4vc.Issuer.Deferred;
using GaiaX.Oid4vc.Issuer.Metadata;
using GaiaX.Oid4vc.Issuer.Notification;
using GaiaX.Oid4vc.Issuer.Offers;
using GaiaX.Oid4vc.Issuer.Protocol;
using GaiaX.Oid4vc.Issuer.Token;
using GaiaX.Oid4vc.ServiceDefaults;
using Microsoft.Extensions.Options;
using GaiaX.Oid4vc.Credentials.Protocol;

namespace GaiaX.Oid4vc.Issuer.Credentials;

/// <summary>The credential response (200) or the deferral (202) of OpenID4VCI 1.0 section 8.3.</summary>
public sealed record CredentialResponse(
    [property: JsonPropertyName("credentials")] IReadOnlyList<IssuedCredential>? Credentials,
    [property: JsonPropertyName("notification_id")] string? NotificationId,
    [property: JsonPropertyName("transaction_id")] string? TransactionId,
    [property: JsonPropertyName("interval")] int? Interval)
{
    [JsonIgnore]
    public bool Deferred => TransactionId is not null;
}
