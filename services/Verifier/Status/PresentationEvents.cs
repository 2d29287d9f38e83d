using System.Collections.Concurrent;
using GaiaX.Oid4vc.Verifier.Dcql;
using GaiaX.Oid4vc.Verifier.Requests;

namespace GaiaX.Oid4vc.Verifier.Status;

/// <summary>A verified presentation, as announced to the other services.</summary>
/// <param name="Request">The request in its verified state.</param>
/// <param name="Presentations">The <c>vp_token</c> presentations in wire form.</param>
/// <param name="Credentials">Every verified credential they contained.</param>
public sealed record PresentationVerifiedNotice(PresentationRequest Request, IReadOnlyList<string> Presentations, IReadOnlyList<PresentedCredential> Credentials);

/// <summary>Announces verified presentations (the <c>presentation-verified</c> topic in a deployment).</summary>
public interface IPresentationEventPublisher
{
    Task PublishVerifiedAsync(PresentationVerifiedNotice notice, CancellationToken cancellationToken);
}

/// <summary>Keeps announcements in memory; used when no event bus is configured.</summary>
public sealed class InMemoryPresentationEventPublisher : IPresentationEventPublisher
{
    private readonly ConcurrentQueue<PresentationVerifiedNotice> _published = new();

    public IReadOnlyCollection<PresentationVerifiedNotice> Published => _published;

    public Task PublishVerifiedAsync(PresentationVerifiedNotice notice, CancellationToken cancellationToken)
    {
        _published.Enqueue(notice);
        return Task.CompletedTask;
    }
}
