using GaiaX.Oid4vc.Dapr.State;

namespace GaiaX.Oid4vc.Issuer.Offers;

/// <summary>Offers by id and by <c>issuer_state</c>.</summary>
public interface IOfferStore
{
    /// <summary>Writes a new offer, and <paramref name="alongside"/> (e.g. its pre-authorized code) in the same transaction.</summary>
    Task SaveAsync(OfferRecord offer, IReadOnlyList<StateChange> alongside, CancellationToken cancellationToken);

    Task<OfferRecord?> FindAsync(string offerId, CancellationToken cancellationToken);

    /// <summary>The offer with its ETag, for a status update that needs no second read.</summary>
    Task<VersionedState<OfferRecord>?> FindVersionedAsync(string offerId, CancellationToken cancellationToken);

    Task<OfferRecord?> FindByIssuerStateAsync(string issuerState, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the offer <see cref="OfferRecord.Redeemed"/> (and <c>token_issued</c>) under the ETag of
    /// <paramref name="read"/>, read again on a conflict, in one state transaction with <paramref name="alongside"/>
    /// (the tokens the redemption hands out: written exactly when the offer is redeemed, so they must be idempotent
    /// upserts). Of any number of concurrent callers for one offer exactly one gets true; false when the offer was
    /// redeemed already or is gone.
    /// </summary>
    Task<bool> TryRedeemAsync(VersionedState<OfferRecord> read, IReadOnlyList<StateChange> alongside, CancellationToken cancellationToken);

    /// <summary>Moves an offer forward; a final status (issued, failed) is never left.</summary>
    Task SetStatusAsync(string offerId, OfferStatus status, string? failureReason, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="SetStatusAsync(string, OfferStatus, string?, CancellationToken)"/> starting from an
    /// offer already read: written under its ETag, read again only if it changed meanwhile.
    /// </summary>
    Task SetStatusAsync(VersionedState<OfferRecord> read, OfferStatus status, string? failureReason, CancellationToken cancellationToken);
}
