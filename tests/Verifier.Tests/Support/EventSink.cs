using System.Collections.Concurrent;
using GaiaX.Oid4vc.Dapr.Events;
using GaiaX.Oid4vc.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Verifier.Tests.Support;

/// <summary>
/// A stand-in subscriber of <c>presentation-verified</c> behind its own embedded sidecar, as the
/// compliance engine would be: it records what it receives.
/// </summary>
public sealed class EventSink
{
    private readonly ConcurrentQueue<PresentationVerified> _received = new();

    public IReadOnlyCollection<PresentationVerified> Received => _received;

    public WebApplication Create(string[] args, Action<WebApplicationBuilder> configure)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure(builder);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.UseCloudEvents();
        app.MapSubscribeHandler();
        app.MapIntegrationEvent<PresentationVerified>("/events/presentation-verified", (PresentationVerified e) =>
        {
            _received.Enqueue(e);
            return IntegrationEventResults.Success();
        });
        return app;
    }

    /// <summary>Waits (bounded) for the events of <paramref name="requestId"/>; delivery is asynchronous.</summary>
    public async Task<IReadOnlyList<PresentationVerified>> ForRequestAsync(string requestId, int atLeast = 1)
    {
        for (var i = 0; i < 100; i++)
        {
            var events = _received.Where(e => e.RequestId == requestId).ToList();
            if (events.Count >= atLeast)
            {
                return events;
            }
            await Task.Delay(50);
        }
        return _received.Where(e => e.RequestId == requestId).ToList();
    }
}
