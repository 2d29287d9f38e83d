using GaiaX.Oid4vc.Dapr.State;
using Microsoft.AspNetCore.Http;

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

/// <summary>
/// Makes a handler's effect happen once per event id although pub/sub delivers at least once. The
/// first delivery claims the event id in the state store (create-only, first write wins), runs the
/// effect and marks it done; a failed effect releases the claim so the redelivery runs it again.
/// </summary>
public interface IIdempotencyGuard
{
    Task<IdempotencyOutcome> RunOnceAsync(string handler, Guid eventId, Func<CancellationToken, Task> effect, CancellationToken cancellationToken = default);
}

/// <inheritdoc />
public sealed class IdempotencyGuard(IDaprStateStore state) : IIdempotencyGuard
{
    /// <summary>How long a claim blocks redeliveries if the process dies while running the effect.</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(2);

    /// <summary>How long a finished event id is remembered (well beyond any redelivery window).</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    public async Task<IdempotencyOutcome> RunOnceAsync(string handler, Guid eventId, Func<CancellationToken, Task> effect, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(handler);
        ArgumentNullException.ThrowIfNull(effect);
        var key = $"idempotency:{handler}:{eventId:N}";
        if (!await state.TryCreateAsync(key, new Marker(Done: false), ClaimLease, cancellationToken).ConfigureAwait(false))
        {
            var existing = await state.GetAsync<Marker>(key, cancellationToken).ConfigureAwait(false);
            return existing is { Done: true } ? IdempotencyOutcome.AlreadyDone : IdempotencyOutcome.InProgress;
        }
        try
        {
            await effect(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await state.DeleteAsync(key, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        await state.SaveAsync(key, new Marker(Done: true), Retention, CancellationToken.None).ConfigureAwait(false);
        return IdempotencyOutcome.Executed;
    }

    private sealed record Marker(bool Done);
}

/// <summary>The answers a subscriber gives the sidecar (Dapr's <c>{"status": ...}</c> contract).</summary>
public static class IntegrationEventResults
{
    /// <summary>Processed; do not redeliver.</summary>
    public static IResult Success() => Results.Json(new StatusBody("SUCCESS"));

    /// <summary>Redeliver later (counts towards the retry limit, then the dead-letter topic).</summary>
    public static IResult Retry() => Results.Json(new StatusBody("RETRY"));

    /// <summary>Never deliver again (e.g. a malformed event); the sidecar logs and discards it.</summary>
    public static IResult Drop() => Results.Json(new StatusBody("DROP"));

    /// <summary><see cref="IdempotencyOutcome.InProgress"/> → RETRY, otherwise SUCCESS.</summary>
    public static IResult ToResult(this IdempotencyOutcome outcome) =>
        outcome == IdempotencyOutcome.InProgress ? Retry() : Success();

    private sealed record StatusBody(string Status);
}
