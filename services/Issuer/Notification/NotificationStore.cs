using System.Buffers.Text;
using System.Text.Json;
using GaiaX.Oid4vc.Dapr.State;
using GaiaX.Oid4vc.Issuer.Protocol;

namespace GaiaX.Oid4vc.Issuer.Notification;

/// <summary>
/// Notification ids sealed with the shared MAC key, so issuing one costs no state write; the events
/// received are recorded create-only, so a repeated notification publishes nothing twice.
/// </summary>
public sealed class NotificationStore(IDaprStateStore state, SharedMacKey macKey) : INotificationStore
{
    private static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    public async Task<string> CreateAsync(NotificationRecord record, CancellationToken cancellationToken)
    {
        var key = await macKey.GetAsync(cancellationToken).ConfigureAwait(false);
        return Base64Url.EncodeToString(SharedMacKey.Seal(key, JsonSerializer.SerializeToUtf8Bytes(record, SerializerOptions)));
    }

    public async Task<NotificationRecord?> FindAsync(string notificationId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(notificationId) || notificationId.Length > 2048)
        {
            return null;
        }
        try
        {
            var data = SharedMacKey.Open(
                await macKey.GetAsync(cancellationToken).ConfigureAwait(false),
                Base64Url.DecodeFromChars(notificationId)
            );
            return data is null ? null : JsonSerializer.Deserialize<NotificationRecord>(data, SerializerOptions);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
    }

    public Task<bool> TryRecordEventAsync(string notificationId, string eventName, CancellationToken cancellationToken) =>
        state.TryCreateAsync($"notification:{Secrets.Hash(notificationId)}:{eventName}", new Received(true), Retention, cancellationToken);

    private sealed record Received(bool Seen);
}
