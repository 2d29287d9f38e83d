using GaiaX.Oid4vc.Dapr.State;
using GaiaX.Oid4vc.Issuer.Offers;

namespace GaiaX.Oid4vc.Issuer.Token;

/// <summary>
/// Pre-authorized codes: short-lived, locked after too many wrong transaction codes. A code is not
/// deleted when it is used: it is spent with its offer, which the first token response marks
/// redeemed (<see cref="Offers.IOfferStore.TryRedeemAsync"/>), after the tokens are written. A state
/// store failing half way through a token request thus leaves the code usable for the retry.
/// </summary>
public interface IPreAuthorizedCodeStore
{
    /// <summary>The write of a new code, for the transaction that writes its offer.</summary>
    StateChange Prepare(string code, PreAuthorizedCodeRecord record);

    /// <summary>
    /// Checks the requested configurations and the transaction code. Both a wrong and a right one are
    /// written under the record's ETag (the failure counted, the success stamped), so concurrent
    /// guesses cannot share an attempt and a right one read before the lockout cannot pass after it.
    /// Consumes nothing. A code that names its offer (<see cref="PreAuthorizedCodeStore.NewCode"/>) is read together with
    /// the offer, in one call, and that read comes back as <c>Offer</c> (null otherwise: the caller reads it).
    /// </summary>
    Task<(PreAuthorizedCodeRedemption Result, PreAuthorizedCodeRecord? Record, VersionedState<OfferRecord>? Offer)> VerifyAsync(
        string code,
        string? transactionCode,
        IReadOnlyList<string> requestedConfigurationIds,
        int maxFailedAttempts,
        DateTimeOffset now,
        CancellationToken cancellationToken
    );
}
