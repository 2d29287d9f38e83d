namespace GaiaX.Oid4vc.Issuer.Notification;

/// <summary>A notification (OpenID4VCI 1.0 section 11.1) about a credential issued to the presenting access token.</summary>
public sealed record ValidatedNotificationRequest(
    string NotificationId,
    string Event,
    string? EventDescription,
    NotificationRecord Notification
);
