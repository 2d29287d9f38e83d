using GaiaX.Oid4vc.Credentials.Protocol;
using GaiaX.Oid4vc.Dapr.State;

namespace GaiaX.Oid4vc.Issuer.Protocol;

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

    public async Task<Outcome<T>> ConsumeAsync(
        string handle,
        ProtocolError unknown,
        Func<T, ProtocolError?>? refuse,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(handle);
        if (handle.Length > Secrets.MaxHandleLength)
        {
            return unknown;
        }
        var current = await state.GetVersionedAsync<T>(Key(handle), cancellationToken).ConfigureAwait(false);
        if (current is null || time.GetUtcNow() >= expiresAt(current.Value))
        {
            return unknown;
        }
        if (refuse?.Invoke(current.Value) is { } error)
        {
            return error;
        }
        // First delete wins, as in ConsumeOnceAsync: of concurrent callers one gets the record.
        return await state.TryDeleteAsync(Key(handle), current.ETag, cancellationToken).ConfigureAwait(false)
            ? Outcome<T>.Success(current.Value)
            : unknown;
    }

    private string Key(string handle) => keyPrefix + Secrets.Hash(handle);
}
