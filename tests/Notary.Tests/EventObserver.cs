using System.Collections.Concurrent;
using GaiaX.Oid4vc.Dapr.Events;
using GaiaX.Oid4vc.Testing;

namespace GaiaX.Oid4vc.Notary.Tests;

/// <summary>
/// The app that records what the Notary publishes (the shared <see cref="IntegrationEventRecorder"/>),
/// with the two event kinds these tests read by name.
/// </summary>
internal sealed class EventObserver
{
    private readonly IntegrationEventRecorder _recorder = new IntegrationEventRecorder()
        .Subscribe<CredentialPrepared>("/events/credential-prepared")
        .Subscribe<CredentialAssessed>("/events/credential-assessed");

    public ConcurrentQueue<CredentialPrepared> Prepared => _recorder.Of<CredentialPrepared>();

    public ConcurrentQueue<CredentialAssessed> Assessed => _recorder.Of<CredentialAssessed>();

    public static async Task<EventObserver> StartAsync(DaprTestEnvironment dapr)
    {
        var observer = new EventObserver();
        await observer._recorder.StartAsync(dapr, "observer");
        return observer;
    }

    /// <summary>Waits until <paramref name="condition"/> holds (events arrive asynchronously).</summary>
    public static async Task EventuallyAsync(Func<bool> condition, TimeSpan? timeout = null) =>
        Assert.True(await Poll.UntilAsync(condition, timeout), "The expected event did not arrive in time.");
}
