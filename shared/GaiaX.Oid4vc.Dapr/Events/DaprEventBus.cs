using Dapr.Client;

namespace GaiaX.Oid4vc.Dapr.Events;

/// <summary><see cref="IEventBus"/> over <see cref="DaprClient.PublishEventAsync{TData}(string, string, TData,
/// CancellationToken)"/>.</summary>
public sealed class DaprEventBus(DaprClient dapr, TimeProvider time) : IEventBus
{
    public Task PublishAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        if (integrationEvent.CreationDate == default)
        {
            integrationEvent = integrationEvent with { CreationDate = time.GetUtcNow() };
        }
        var type = integrationEvent.GetType();
        // Declared as object so System.Text.Json serializes the runtime type (all derived properties).
        return dapr.PublishEventAsync<object>(
            IntegrationEventTopics.PubSubOf(type),
            IntegrationEventTopics.Of(type),
            integrationEvent,
            cancellationToken
        );
    }
}
