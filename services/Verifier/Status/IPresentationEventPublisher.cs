using System.Text.Json;
using GaiaX.Oid4vc.Dapr.Events;
using GaiaX.Oid4vc.Verifier.Requests;

namespace GaiaX.Oid4vc.Verifier.Status;

/// <summary>Announces verified presentations.</summary>
public interface IPresentationEventPublisher
{
    Task PublishVerifiedAsync(PresentationVerifiedNotice notice, CancellationToken cancellationToken);
}

/// <summary>
/// Publishes <see cref="PresentationVerified"/> on the <c>presentation-verified</c> topic: the
/// presentations and credentials in wire form (what the compliance engine re-checks), the holder,
/// and the verified claims per DCQL credential query id.
/// </summary>
internal sealed class DaprPresentationEventPublisher(IEventBus bus) : IPresentationEventPublisher
{
    public Task PublishVerifiedAsync(PresentationVerifiedNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var subject = JsonSerializer.SerializeToElement(notice.Request.VerifiedCredentials, StoreJson.Options);
        var verified = new PresentationVerified(
            notice.Request.Id,
            notice.Presentations,
            notice.Credentials.Select(c => c.Raw).OfType<string>().ToList(),
            notice.Credentials.Select(c => c.Holder).FirstOrDefault(h => h is not null),
            subject
        );
        return bus.PublishAsync(verified, cancellationToken);
    }
}
