namespace GaiaX.Oid4vc.Dapr.Events;

/// <summary>
/// Makes a handler's effect happen once per event id although pub/sub delivers at least once. The
/// first delivery claims the event id in the state store (create-only, first write wins), runs the
/// effect and marks it done; a failed effect releases the claim so the redelivery runs it again.
/// </summary>
public interface IIdempotencyGuard
{
    Task<IdempotencyOutcome> RunOnceAsync(
        string handler,
        Guid eventId,
        Func<CancellationToken, Task> effect,
        CancellationToken cancellationToken = default
    );
}
