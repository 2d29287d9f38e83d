using System.Text.Json.Serialization;

namespace GaiaX.Oid4vc.Issuer.Credentials;

/// <summary>The credential response (200) or the deferral (202) of OpenID4VCI 1.0 section 8.3.</summary>
public sealed record CredentialResponse(
    [property: JsonPropertyName("credentials")] IReadOnlyList<IssuedCredential>? Credentials,
    [property: JsonPropertyName("notification_id")] string? NotificationId,
    [property: JsonPropertyName("transaction_id")] string? TransactionId,
    [property: JsonPropertyName("interval")] int? Interval
)
{
    [JsonIgnore]
    public bool Deferred => TransactionId is not null;
}
