using GaiaX.Oid4vc.Dapr.Events;
using GaiaX.Oid4vc.Testing;

namespace Verifier.Tests.Support;

/// <summary>
/// A stand-in subscriber of <c>presentation-verified</c> behind its own embedded sidecar, as the
/// compliance engine would be: the shared <see cref="IntegrationEventRecorder"/> on one route.
/// </summary>
public sealed class EventSink
{
    private readonly IntegrationEventRecorder _recorder = new IntegrationEventRecorder()
        .Subscribe<PresentationVerified>("/events/presentation-verified");

    public IReadOnlyCollection<PresentationVerified> Received => _recorder.Of<PresentationVerified>();

    public Task<TestServiceHost> StartAsync(DaprTestEnvironment dapr, string appId) => _recorder.StartAsync(dapr, appId);

    /// <summary>Waits (bounded) for the events of <paramref name="requestId"/>; delivery is asynchronous.</summary>
    public async Task<IReadOnlyList<PresentationVerified>> ForRequestAsync(string requestId)
    {
        await _recorder.WaitForAsync<PresentationVerified>(e => e.RequestId == requestId);
        return Received.Where(e => e.RequestId == requestId).ToList();
    }
}
