namespace GaiaX.Oid4vc.Dapr.Events;

/// <summary>
/// What a handler made of an integration event. Handlers return this plain value; the route mapping
/// (<see cref="IntegrationEventEndpoints"/>) turns it into the answer the Dapr sidecar expects.
/// </summary>
public enum IntegrationEventResult
{
    /// <summary>Processed; do not redeliver.</summary>
    Success,

    /// <summary>Redeliver later (counts towards the retry limit, then the dead-letter topic).</summary>
    Retry,

    /// <summary>Never deliver again (e.g. a malformed event); the sidecar logs and discards it.</summary>
    Drop,
}
