using GaiaX.Oid4vc.Dapr.State;
using GaiaX.Oid4vc.Issuer.Protocol;

namespace GaiaX.Oid4vc.Issuer.Deferred;

public sealed class DeferredTransactionStore(IDaprStateStore state, TimeProvider time) : IDeferredTransactionStore
{
    public async Task<string> CreateAsync(DeferredTransactionRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var id = Secrets.NewHandle();
        await state.SaveAsync(Key(id), record, record.ExpiresAt - time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return id;
    }

    public async Task<VersionedState<DeferredTransactionRecord>?> FindAsync(string transactionId, CancellationToken cancellationToken)
    {
        var item = await state.GetVersionedAsync<DeferredTransactionRecord>(Key(transactionId), cancellationToken).ConfigureAwait(false);
        return item is null || time.GetUtcNow() >= item.Value.ExpiresAt ? null : item;
    }

    public Task<bool> TryCompleteAsync(string transactionId, string etag, CancellationToken cancellationToken) =>
        state.TryDeleteAsync(Key(transactionId), etag, cancellationToken);

    private static string Key(string transactionId) => "deferred:" + Secrets.Hash(transactionId);
}
