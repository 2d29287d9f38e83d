namespace GaiaX.Oid4vc.Dapr.Embedded;

/// <summary>
/// A CloudEvent waiting to be delivered to one app's route. <see cref="Raw"/> is the exact stored form
/// (the Redis back end removes in-flight items by value).
/// </summary>
public sealed record PendingDelivery(
    Guid DeliveryId,
    string AppId,
    string Route,
    string Topic,
    string? DeadLetterTopic,
    string CloudEvent,
    string? TraceParent
)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public string? Raw { get; init; }
}
