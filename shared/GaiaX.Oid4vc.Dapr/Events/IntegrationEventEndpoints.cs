using Dapr;
using GaiaX.Oid4vc.Dapr.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GaiaX.Oid4vc.Dapr.Events;

/// <summary>Subscribing a minimal-API route to an integration event.</summary>
public static class IntegrationEventEndpoints
{
    /// <summary>
    /// Maps <c>POST <paramref name="route"/></c> to <paramref name="handler"/> and subscribes it to the
    /// topic of <typeparamref name="TEvent"/> on its pub/sub component (<see cref="Topics.PubSubOf"/>), with the dead-letter
    /// topic <see cref="Topics.DeadLetter"/>. The handler binds the event from the body (the CloudEvent
    /// is unwrapped by <c>UseCloudEvents</c>) plus any services it needs, and returns an
    /// <see cref="IntegrationEventResult"/>, which the route turns into the sidecar's answer (an
    /// <c>IResult</c> is passed through: any 2xx for success, 404 to drop, other codes to retry).
    /// Only the sidecar may call the route: it requires the app token (<see cref="DaprAppToken"/>).
    /// </summary>
    public static RouteHandlerBuilder MapIntegrationEvent<TEvent>(this IEndpointRouteBuilder endpoints, string route, Delegate handler)
        where TEvent : IntegrationEvent
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var topic = IntegrationEventTopics.Of<TEvent>();
        return endpoints
            .MapPost(route, handler)
            .AddEndpointFilter(AnswerTheSidecar)
            .WithTopic(
                new TopicOptions
                {
                    PubsubName = IntegrationEventTopics.PubSubOf<TEvent>(),
                    Name = topic,
                    DeadLetterTopic = Topics.DeadLetter(topic),
                }
            )
            .WithMetadata(DaprAppRouteMetadata.Instance)
            .ExcludeFromDescription();
    }

    /// <summary>
    /// Maps <c>POST <paramref name="route"/></c> to <paramref name="handler"/> and subscribes it to the
    /// dead-letter topic of <typeparamref name="TEvent"/>'s topic: the events whose delivery exhausted
    /// its retries. This subscription has no dead-letter topic of its own (an event failing here is
    /// discarded), so the handler must settle every event it is given (answer
    /// <see cref="IntegrationEventResult.Success"/> or <see cref="IntegrationEventResult.Drop"/>).
    /// Like every event route it requires the sidecar's app token.
    /// </summary>
    public static RouteHandlerBuilder MapDeadLetteredIntegrationEvent<TEvent>(
        this IEndpointRouteBuilder endpoints,
        string route,
        Delegate handler
    )
        where TEvent : IntegrationEvent
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints
            .MapPost(route, handler)
            .AddEndpointFilter(AnswerTheSidecar)
            .WithTopic(
                new TopicOptions
                {
                    PubsubName = IntegrationEventTopics.PubSubOf<TEvent>(),
                    Name = Topics.DeadLetter(IntegrationEventTopics.Of<TEvent>()),
                }
            )
            .WithMetadata(DaprAppRouteMetadata.Instance)
            .ExcludeFromDescription();
    }

    /// <summary>Handlers say what they made of the event; this is where that becomes Dapr's HTTP answer.</summary>
    private static async ValueTask<object?> AnswerTheSidecar(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context).ConfigureAwait(false);
        return result is IntegrationEventResult outcome ? IntegrationEventResults.From(outcome) : result;
    }
}
