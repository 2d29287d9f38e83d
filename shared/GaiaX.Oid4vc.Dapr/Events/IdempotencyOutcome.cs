namespace GaiaX.Oid4vc.Dapr.Events;

/// <summary>What <see cref="IIdempotencyGuard.RunOnceAsync"/> did.</summary>
public enum IdempotencyOutcome
{
    /// <summary>The effect ran now.</summary>
    Executed,

    /// <summary>The effect already ran for this event id; nothing was done.</summary>
    AlreadyDone,

    /// <summary>Another delivery of the same event is running the effect right now; ask for a redelivery.</summary>
    InProgress,
}
