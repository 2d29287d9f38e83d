using GaiaX.Oid4vc.Dapr.State;

namespace GaiaX.Oid4vc.Issuer.Deferred;

/// <summary>Deferred transactions by <c>transaction_id</c>; a transaction is invalidated once redeemed.</summary>
public interface IDeferredTransactionStore
{
    Task<string> CreateAsync(DeferredTransactionRecord record, CancellationToken cancellationToken);

    Task<VersionedState<DeferredTransactionRecord>?> FindAsync(string transactionId, CancellationToken cancellationToken);

    /// <summary>True for the one caller that ends the transaction (credential delivered, or denied).</summary>
    Task<bool> TryCompleteAsync(string transactionId, string etag, CancellationToken cancellationToken);
}
