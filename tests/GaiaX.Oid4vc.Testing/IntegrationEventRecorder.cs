using System.Collections.Concurrent;
using GaiaX.Oid4vc.Dapr.Events;
using GaiaX.Oid4vc.Dapr.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace GaiaX.Oid4vc.Testing;

/// <summary>
/// Another app on the embedded Dapr runtime that subscribes to integration events, the way a
/// downstream service would (AddGaiaXDapr, MapGaiaXDapr, MapIntegrationEvent), and records what
/// arrives. <see cref="Subscribe{T}"/> the routes, <see cref="StartAsync"/> it, then
/// <see cref="WaitForAsync{T}"/> what the test expects.
/// </summary>
public sealed class IntegrationEventRecorder
{
    private readonly ConcurrentQueue<IntegrationEvent> _events = new();
    private readonly ConcurrentDictionary<Type, object> _byType = new();
    private readonly List<Action<WebApplication>> _subscriptions = [];

    /// <summary>Every event received, in arrival order (duplicate deliveries included).</summary>
    public IReadOnlyCollection<IntegrationEvent> Events => _events;

    /// <summary>The events of type <typeparamref name="T"/> received, in arrival order.</summary>
    public ConcurrentQueue<T> Of<T>()
        where T : IntegrationEvent => (ConcurrentQueue<T>)_byType.GetOrAdd(typeof(T), _ => new ConcurrentQueue<T>());

    /// <summary>Subscribes <c>POST <paramref name="route"/></c> to <typeparamref name="T"/>'s topic; call before <see
    /// cref="StartAsync"/>.</summary>
    public IntegrationEventRecorder Subscribe<T>(string route)
        where T : IntegrationEvent
    {
        _subscriptions.Add(app => app.MapIntegrationEvent<T>(route, (T received) =>
            {
                Record(received);
                return IntegrationEventResults.Success();
            }));
        return this;
    }

    /// <summary>Records an event as if it had been delivered.</summary>
    public void Record<T>(T integrationEvent)
        where T : IntegrationEvent
    {
        Of<T>().Enqueue(integrationEvent);
        _events.Enqueue(integrationEvent);
    }

    /// <summary>Runs the recorder as <paramref name="appId"/> behind its own sidecar of <paramref name="dapr"/>.</summary>
    public Task<TestServiceHost> StartAsync(DaprTestEnvironment dapr, string appId)
    {
        ArgumentNullException.ThrowIfNull(dapr);
        return dapr.StartServiceAsync(appId, CreateApp, "Recorder");
    }

    /// <summary>
    /// Waits until a <typeparamref name="T"/> matching <paramref name="match"/> (any, when null) arrived
    /// and returns the first; throws <see cref="TimeoutException"/> when none did within the timeout.
    /// </summary>
    public async Task<T> WaitForAsync<T>(Func<T, bool>? match = null, TimeSpan? timeout = null)
        where T : IntegrationEvent
    {
        T? found = null;
        var arrived = await Poll.UntilAsync(() => (found = Of<T>().FirstOrDefault(match ?? (_ => true))) is not null, timeout)
            .ConfigureAwait(false);
        return arrived ? found! : throw new TimeoutException($"No {typeof(T).Name} arrived.");
    }

    private WebApplication CreateApp(string[] args, Action<WebApplicationBuilder> configure)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddGaiaXDapr();
        configure(builder);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGaiaXDapr();
        foreach (var subscribe in _subscriptions)
        {
            subscribe(app);
        }
        return app;
    }
}
