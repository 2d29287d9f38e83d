using System.Collections.Concurrent;
using GaiaX.Oid4vc.Dapr.Events;
using GaiaX.Oid4vc.Dapr.Hosting;
using GaiaX.Oid4vc.ServiceDefaults;
using GaiaX.Oid4vc.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace GaiaX.Oid4vc.Notary.Tests;

/// <summary>
/// A minimal app on the same embedded Dapr runtime that records what the Notary publishes, wired
/// like a service (AddGaiaXDapr, MapGaiaXDapr, MapIntegrationEvent).
/// </summary>
internal sealed class EventObserver
{
    public ConcurrentQueue<CredentialPrepared> Prepared { get; } = new();

    public ConcurrentQueue<CredentialAssessed> Assessed { get; } = new();

    public static async Task<EventObserver> StartAsync(DaprTestEnvironment dapr)
    {
        var observer = new EventObserver();
        await dapr.StartServiceAsync("observer", (args, configure) =>
        {
            var builder = WebApplication.CreateBuilder(args);
            builder.AddServiceDefaults();
            builder.AddGaiaXDapr();
            configure(builder);
            var app = builder.Build();
            app.MapDefaultEndpoints();
            app.MapGaiaXDapr();
            app.MapIntegrationEvent<CredentialPrepared>("/events/credential-prepared", (CredentialPrepared e) =>
            {
                observer.Prepared.Enqueue(e);
                return IntegrationEventResults.Success();
            });
            app.MapIntegrationEvent<CredentialAssessed>("/events/credential-assessed", (CredentialAssessed e) =>
            {
                observer.Assessed.Enqueue(e);
                return IntegrationEventResults.Success();
            });
            return app;
        }, "Observer");
        return observer;
    }

    /// <summary>Waits until <paramref name="condition"/> holds (events arrive asynchronously).</summary>
    public static async Task EventuallyAsync(Func<bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The expected event did not arrive in time.");
            await Task.Delay(25);
        }
    }
}
