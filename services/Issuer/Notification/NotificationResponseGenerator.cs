using GaiaX.Oid4vc.Dapr.Events;

namespace GaiaX.Oid4vc.Issuer.Notification;

/// <summary>
/// Publishes the integration event of a validated notification. Notifications are idempotent
/// (OpenID4VCI 1.0 section 11.1): an identical repeat is answered alike and published once.
/// </summary>
public sealed class NotificationResponseGenerator(INotificationStore notifications, IEventBus events)
{
    public async Task GenerateAsync(ValidatedNotificationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (notificationId, description, offerId) = (request.NotificationId, request.EventDescription, request.Notification.OfferId);
        if (await notifications.TryRecordEventAsync(notificationId, request.Event, cancellationToken).ConfigureAwait(false))
        {
            IntegrationEvent integrationEvent = request.Event switch
            {
                "credential_accepted" => new CredentialAccepted(notificationId, offerId, description),
                "credential_failure" => new CredentialFailure(notificationId, offerId, description),
                _ => new CredentialDeleted(notificationId, offerId, description),
            };
            await events.PublishAsync(integrationEvent, cancellationToken).ConfigureAwait(false);
        }
    }
}
