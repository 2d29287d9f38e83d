using System.Collections.Concurrent;
using System.Reflection;

namespace GaiaX.Oid4vc.Dapr.Events;

/// <summary>Resolves the topic and the pub/sub component of an integration event type.</summary>
public static class IntegrationEventTopics
{
    private static readonly ConcurrentDictionary<Type, string> Cache = new();

    public static string Of<TEvent>()
        where TEvent : IntegrationEvent => Of(typeof(TEvent));

    public static string Of(Type eventType)
    {
        ArgumentNullException.ThrowIfNull(eventType);
        return Cache.GetOrAdd(eventType, static type =>
            type.GetCustomAttribute<TopicAttribute>()?.Name
            ?? throw new InvalidOperationException($"Integration event {type.Name} has no [Topic] attribute.")
        );
    }

    /// <summary>The pub/sub component the event travels on.</summary>
    public static string PubSubOf<TEvent>()
        where TEvent : IntegrationEvent => PubSubOf(typeof(TEvent));

    /// <summary>The pub/sub component the event travels on (<see cref="Topics.PubSubOf"/>).</summary>
    public static string PubSubOf(Type eventType) => Topics.PubSubOf(Of(eventType));
}
