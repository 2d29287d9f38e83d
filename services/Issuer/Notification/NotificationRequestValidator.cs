using System.Text.Json;
using GaiaX.Oid4vc.Credentials.Protocol;
using GaiaX.Oid4vc.Issuer.Protocol;
using GaiaX.Oid4vc.Issuer.Token;

namespace GaiaX.Oid4vc.Issuer.Notification;

/// <summary>
/// The notification request rules of OpenID4VCI 1.0 section 11.1: a <c>notification_id</c> issued
/// with a credential to the same access token, one of the three events, and an
/// <c>event_description</c> of printable ASCII without quotes or backslashes.
/// </summary>
public sealed class NotificationRequestValidator(INotificationStore notifications)
{
    /// <summary>The events section 11.1 defines.</summary>
    public static readonly IReadOnlySet<string> Events = new HashSet<string>(StringComparer.Ordinal)
    {
        "credential_accepted",
        "credential_failure",
        "credential_deleted",
    };

    public async Task<Outcome<ValidatedNotificationRequest>> ValidateAsync(
        ValidatedAccessToken token,
        JsonElement request,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(token);
        var notificationId = StringOrNull(request, "notification_id");
        var eventName = StringOrNull(request, "event");
        var description = StringOrNull(request, "event_description");
        if (string.IsNullOrEmpty(notificationId) || eventName is null || !Events.Contains(eventName))
        {
            return Fail(
                ErrorCodes.InvalidNotificationRequest,
                "notification_id and event (credential_accepted, credential_failure or credential_deleted) are required"
            );
        }
        if (description is not null && (description.Length > 1024 || description.Any(c => c is < '\x20' or > '\x7E' or '"' or '\\')))
        {
            return Fail(ErrorCodes.InvalidNotificationRequest, "event_description must be printable ASCII without quotes or backslashes");
        }
        var stored = await notifications.FindAsync(notificationId, cancellationToken).ConfigureAwait(false);
        if (stored is null || stored.AccessTokenHash != Secrets.Hash(token.Token))
        {
            return Fail(ErrorCodes.InvalidNotificationId, "the notification_id is unknown or belongs to another access token");
        }
        return Outcome<ValidatedNotificationRequest>.Success(
            new ValidatedNotificationRequest(notificationId, eventName, description, stored)
        );
    }

    private static string? StringOrNull(JsonElement request, string name) =>
        request.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static Outcome<ValidatedNotificationRequest> Fail(string error, string description) =>
        Outcome<ValidatedNotificationRequest>.Fail(error, description);
}
