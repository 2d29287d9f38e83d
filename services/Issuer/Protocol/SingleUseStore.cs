using GaiaX.Oid4vc.Dapr.State;

namespace GaiaX.Oid4vc.Issuer.Protocol;

/// <summary>Records behind a secret handle, each given out once.</summary>
public interface ISingleUseStore<T>
    where T : class
{
    Task StoreAsync(string handle, T record, CancellationToken cancellationToken);

    /// <summary>The record, consumed; null when the handle is unknown, used or expired.</summary>
    Task<T?> ConsumeAsync(string handle, CancellationToken cancellationToken);
}

/// <summary>
/// Records behind a secret handle (authorization codes, refresh tokens): kept under the handle's
/// hash until shortly after they expire, and given out once, only before they expire; of concurrent
/// callers with the same handle exactly one gets the record.
/// </summary>
public abstract class SingleUseStore<T>(IDaprStateStore state, TimeProvider time, string keyPrefix, Func<T, DateTimeOffset> expiresAt)
    : ISingleUseStore<T>
    where T : class
{
    private static readonly TimeSpan Retention = TimeSpan.FromMinutes(1);

    public Task StoreAsync(string handle, T record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return state.SaveAsync(Key(handle), record, expiresAt(record) - time.GetUtcNow() + Retention, cancellationToken);
    }

    public async Task<T?> ConsumeAsync(string handle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handle);
        if (handle.Length > Secrets.MaxHandleLength)
        {
            return null;
        }
        var record = await state.ConsumeOnceAsync<T>(Key(handle), cancellationToken).ConfigureAwait(false);
        return record is not null && time.GetUtcNow() < expiresAt(record) ? record : null;
    }

    private string Key(string handle) => keyPrefix + Secrets.Hash(handle);
}
