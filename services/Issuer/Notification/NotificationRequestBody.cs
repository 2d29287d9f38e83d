using System.Text.Json.Serialization;

namespace GaiaX.Oid4vc.Issuer.Notification;

/// <summary>
/// The notification request (OpenID4VCI 1.0 section 11.1) as the OpenAPI document describes it:
/// <c>event</c> is <c>credential_accepted</c>, <c>credential_failure</c> or <c>credential_deleted</c>.
/// </summary>
public sealed record NotificationRequestBody(
    [property: JsonPropertyName("notification_id")] string NotificationId,
    [property: JsonPropertyName("event")] string Event,
    [property: JsonPropertyName("event_description")] string? EventDescription
);
