namespace GaiaX.Oid4vc.Dapr.Events;

/// <summary>
/// A wallet notification (OpenID4VCI notification endpoint). <paramref name="NotificationId"/> is the
/// <c>notification_id</c> the Issuer returned with the credential.
/// </summary>
[Topic(Topics.CredentialAccepted)]
public sealed record CredentialAccepted(string NotificationId, string? OfferId = null, string? EventDescription = null) : IntegrationEvent;
