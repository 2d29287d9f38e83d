namespace GaiaX.Oid4vc.Dapr.Events;

/// <summary>Publishes integration events to the one pub/sub component.</summary>
public interface IEventBus
{
    /// <summary>
    /// Publishes <paramref name="integrationEvent"/> on its topic (from its <see cref="TopicAttribute"/>).
    /// The whole runtime type is serialized, not only the base record.
    /// </summary>
    Task PublishAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken = default);
}
