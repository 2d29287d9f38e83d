using GaiaX.Oid4vc.Dapr.State;

namespace GaiaX.Oid4vc.Dapr.Events;

/// <inheritdoc />
public sealed class IdempotencyGuard(IDaprStateStore state) : IIdempotencyGuard
{
    /// <summary>How long a claim blocks redeliveries if the process dies while running the effect.</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(2);

    /// <summary>How long a finished event id is remembered (well beyond any redelivery window).</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    public async Task<IdempotencyOutcome> RunOnceAsync(
        string handler,
        Guid eventId,
        Func<CancellationToken, Task> effect,
        CancellationToken cancellationToken = default
    )
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
