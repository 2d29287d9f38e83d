using System.Collections.Concurrent;
using GaiaX.Oid4vc.Dapr.Events;
using GaiaX.Oid4vc.Dapr.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Issuer.Tests;

/// <summary>
/// Another app on the embedded Dapr runtime that subscribes to what the Issuer publishes, the way
/// the Verifier or a back end would, and records what arrives.
/// </summary>
public sealed class EventRecorder
{
    private readonly ConcurrentQueue<IntegrationEvent> _events = new();

    public IReadOnlyCollection<IntegrationEvent> Events => _events;

    public void Add(IntegrationEvent integrationEvent) => _events.Enqueue(integrationEvent);

    /// <summary>Waits until an event matching <paramref name="match"/> arrived.</summary>
    public async Task<T> WaitForAsync<T>(Func<T, bool> match, TimeSpan? timeout = null)
        where T : IntegrationEvent
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < deadline)
        {
            if (_events.OfType<T>().FirstOrDefault(match) is { } found)
            {
                return found;
            }
            await Task.Delay(25);
        }
        throw new TimeoutException($"No {typeof(T).Name} arrived.");
    }

    public static WebApplication Create(string[] args, Action<WebApplicationBuilder> configure)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddGaiaXDapr();
        builder.Services.AddSingleton<EventRecorder>();
        configure(builder);
        var app = builder.Build();
        app.MapGaiaXDapr();
        app.MapIntegrationEvent<OfferCreated>("/offer-created", (OfferCreated e, EventRecorder r) => Record(r, e));
        app.MapIntegrationEvent<CredentialAccepted>("/credential-accepted", (CredentialAccepted e, EventRecorder r) => Record(r, e));
        app.MapIntegrationEvent<CredentialFailure>("/credential-failure", (CredentialFailure e, EventRecorder r) => Record(r, e));
        app.MapIntegrationEvent<IssuanceRequested>("/issuance-requested", (IssuanceRequested e, EventRecorder r) => Record(r, e));
        return app;
    }

    private static Microsoft.AspNetCore.Http.IResult Record(EventRecorder recorder, IntegrationEvent integrationEvent)
    {
        recorder.Add(integrationEvent);
        return IntegrationEventResults.Success();
    }
}
