using System.Text.Json;
using GaiaX.Oid4vc.Dapr.Events;
using GaiaX.Oid4vc.Issuer.Credentials;
using GaiaX.Oid4vc.Issuer.Metadata;
using GaiaX.Oid4vc.Issuer.Protocol;
using GaiaX.Oid4vc.Issuer.Token;
using GaiaX.Oid4vc.ServiceDefaults;
using GaiaX.Oid4vc.Credentials.Protocol;

namespace GaiaX.Oid4vc.Issuer.Notification;

/// <summary>
/// <c>POST /notification</c> (OpenID4VCI 1.0 section 11): the wallet reports what became of the
/// credentials; the Issuer answers 204 and publishes the matching event. Identical repeats are
/// answered 204 without publishing again.
/// </summary>
public static class NotificationEndpoint
{
    private static readonly string[] Events = ["credential_accepted", "credential_failure", "credential_deleted"];

    public static void MapNotificationEndpoint(this IEndpointRouteBuilder routes) =>
        routes.MapPost(IssuerEndpoints.Paths.Notification, HandleAsync).DisableAntiforgery().WithProtocolErrors();

    private static async Task<IResult> HandleAsync(HttpContext context, AccessTokenValidator tokens, INotificationStore notifications, IEventBus events, CancellationToken cancellationToken)
    {
        var token = await tokens.ValidateAsync(context.Request, cancellationToken).ConfigureAwait(false);
        if (token.Failed)
        {
            return ProtocolResults.Error(token.Error);
        }
        using var body = await CredentialEndpoints.ReadJsonAsync(context.Request, ErrorCodes.InvalidNotificationRequest, cancellationToken).ConfigureAwait(false);
        if (body.Failed)
        {
            return ProtocolResults.Error(body.Error);
        }
        var request = body.Value.RootElement;
        var notificationId = request.TryGetProperty("notification_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        var eventName = request.TryGetProperty("event", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
        var description = request.TryGetProperty("event_description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
        if (string.IsNullOrEmpty(notificationId) || eventName is null || !Events.Contains(eventName, StringComparer.Ordinal))
        {
            return ProtocolResults.Error(new ProtocolError(ErrorCodes.InvalidNotificationRequest, "notification_id and event (credential_accepted, credential_failure or credential_deleted) are required"));
        }
        if (description is not null && (description.Length > 1024 || description.Any(c => c is < '\x20' or > '\x7E' or '"' or '\\')))
        {
            return ProtocolResults.Error(new ProtocolError(ErrorCodes.InvalidNotificationRequest, "event_description must be printable ASCII without quotes or backslashes"));
        }
        var stored = await notifications.FindAsync(notificationId, cancellationToken).ConfigureAwait(false);
        if (stored is null || stored.AccessTokenHash != Secrets.Hash(token.Value.Token))
        {
            return ProtocolResults.Error(new ProtocolError(ErrorCodes.InvalidNotificationId, "the notification_id is unknown or belongs to another access token"));
        }
        // Notifications are idempotent (section 11.1): an identical repeat is answered 204 and published once.
        if (await notifications.TryRecordEventAsync(notificationId, eventName, cancellationToken).ConfigureAwait(false))
        {
            IntegrationEvent integrationEvent = eventName switch
            {
                "credential_accepted" => new CredentialAccepted(notificationId, stored.OfferId, description),
                "credential_failure" => new CredentialFailure(notificationId, stored.OfferId, description),
                _ => new CredentialDeleted(notificationId, stored.OfferId, description),
            };
            await events.PublishAsync(integrationEvent, cancellationToken).ConfigureAwait(false);
        }
        return Results.NoContent();
    }
}
