using GaiaX.Oid4vc.Dapr.State;

namespace GaiaX.Oid4vc.Issuer.Notification;

/// <summary>An issuance the wallet may report on: the offer, the token that got it, the last event.</summary>
public sealed record NotificationRecord
{
    public string? OfferId { get; init; }

    public required string CredentialConfigurationId { get; init; }

    /// <summary>SHA-256 of the access token the credentials were issued to.</summary>
    public required string AccessTokenHash { get; init; }

    public string? LastEvent { get; init; }
}

public interface INotificationStore
{
    Task SaveAsync(string notificationId, NotificationRecord record, CancellationToken cancellationToken);

    Task<VersionedState<NotificationRecord>?> FindAsync(string notificationId, CancellationToken cancellationToken);

    Task<bool> TryUpdateAsync(string notificationId, NotificationRecord record, string etag, CancellationToken cancellationToken);
}

public sealed class NotificationStore(IDaprStateStore state) : INotificationStore
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    public Task SaveAsync(string notificationId, NotificationRecord record, CancellationToken cancellationToken) =>
        state.SaveAsync(Key(notificationId), record, Retention, cancellationToken);

    public Task<VersionedState<NotificationRecord>?> FindAsync(string notificationId, CancellationToken cancellationToken) =>
        state.GetVersionedAsync<NotificationRecord>(Key(notificationId), cancellationToken);

    public Task<bool> TryUpdateAsync(string notificationId, NotificationRecord record, string etag, CancellationToken cancellationToken) =>
        state.TrySaveAsync(Key(notificationId), record, etag, Retention, cancellationToken);

    private static string Key(string notificationId) => "notification:" + notificationId;
}
