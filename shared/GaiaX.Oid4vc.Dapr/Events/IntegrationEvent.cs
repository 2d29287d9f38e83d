namespace GaiaX.Oid4vc.Dapr.Events;

/// <summary>
/// Base of every integration event. <see cref="Id"/> is the idempotency key: delivery is
/// at-least-once, so a handler uses it to make its effect happen once (see <see cref="IIdempotencyGuard"/>).
/// </summary>
public abstract record IntegrationEvent
{
    public Guid Id { get; init; } = Guid.NewGuid();

    /// <summary>When the event was created; <see cref="IEventBus"/> stamps it from its <see cref="TimeProvider"/> when left
    /// default.</summary>
    public DateTimeOffset CreationDate { get; init; }
}
