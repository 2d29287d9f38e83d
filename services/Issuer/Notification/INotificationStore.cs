namespace GaiaX.Oid4vc.Issuer.Notification;

/// <summary><c>notification_id</c> values and the events already received for them.</summary>
public interface INotificationStore
{
    Task<string> CreateAsync(NotificationRecord record, CancellationToken cancellationToken);

    Task<NotificationRecord?> FindAsync(string notificationId, CancellationToken cancellationToken);

    /// <summary>True the first time <paramref name="eventName"/> is reported for the id (identical repeats are no-ops).</summary>
    Task<bool> TryRecordEventAsync(string notificationId, string eventName, CancellationToken cancellationToken);
}
