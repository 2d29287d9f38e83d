using GaiaX.Oid4vc.Dapr.State;
using GaiaX.Oid4vc.Issuer.Protocol;

namespace GaiaX.Oid4vc.Issuer.Deferred;

/// <summary>A deferred issuance: which offer's credential the wallet waits for.</summary>
public sealed record DeferredTransactionRecord
{
    public required string OfferId { get; init; }

    public required string CredentialConfigurationId { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>When the credential must be ready at the latest (<see cref="PreparationDeadline"/>).</summary>
    public DateTimeOffset? PreparationDeadline { get; init; }
}

/// <summary>Deferred transactions by <c>transaction_id</c>; a transaction is invalidated once redeemed.</summary>
public interface IDeferredTransactionStore
{
    Task<string> CreateAsync(DeferredTransactionRecord record, CancellationToken cancellationToken);

    Task<VersionedState<DeferredTransactionRecord>?> FindAsync(string transactionId, CancellationToken cancellationToken);

    /// <summary>True for the one caller that ends the transaction (credential delivered, or denied).</summary>
    Task<bool> TryCompleteAsync(string transactionId, string etag, CancellationToken cancellationToken);
}

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
