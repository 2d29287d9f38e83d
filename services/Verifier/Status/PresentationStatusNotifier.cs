using System.Text.Json;
using GaiaX.Oid4vc.ServiceDefaults.Webhooks;
using GaiaX.Oid4vc.Verifier.Requests;

namespace GaiaX.Oid4vc.Verifier.Status;

/// <summary>
/// Tells a relying party that registered a <c>callback_url</c> that its request's status changed: the verdict,
/// then the compliance assessment and the label credential offer. The event's data is the status as
/// <c>GET /api/presentation-requests/{id}</c> shows it, without the verified credentials (those are released
/// only to the status API).
/// </summary>
public sealed class PresentationStatusNotifier(IWebhookSender webhooks, TimeProvider time)
{
    /// <summary>The event type of a presentation request's status change, as its webhook carries it.</summary>
    public const string StatusChangedEventType = "eu.gaia-x.oid4vc.verifier.presentation-request.status-changed";

    /// <summary>Queues the status of <paramref name="request"/> for its callback, if it has one.</summary>
    public void Changed(PresentationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.CallbackUrl is { } callback)
        {
            var view = PresentationRequestStatusView.From(request, revealCredentials: false, time.GetUtcNow());
            webhooks.Enqueue(
                new WebhookEvent(
                    new Uri(callback),
                    StatusChangedEventType,
                    request.Id,
                    JsonSerializer.SerializeToNode(view, PresentationRequestStatusView.SerializerOptions)!
                )
            );
        }
    }
}
