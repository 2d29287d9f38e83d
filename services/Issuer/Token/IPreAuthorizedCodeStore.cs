namespace GaiaX.Oid4vc.Issuer.Token;

/// <summary>
/// Pre-authorized codes: short-lived, locked after too many wrong transaction codes. A code is not
/// deleted when it is used: it is spent with its offer, which the first token response marks
/// redeemed (<see cref="Offers.IOfferStore.TryRedeemAsync"/>), after the tokens are written. A state
/// store failing half way through a token request thus leaves the code usable for the retry.
/// </summary>
public interface IPreAuthorizedCodeStore
{
    Task StoreAsync(string code, PreAuthorizedCodeRecord record, CancellationToken cancellationToken);

    /// <summary>
    /// Checks the requested configurations and the transaction code. Both a wrong and a right one are
    /// written under the record's ETag (the failure counted, the success stamped), so concurrent
    /// guesses cannot share an attempt and a right one read before the lockout cannot pass after it.
    /// Consumes nothing.
    /// </summary>
    Task<(PreAuthorizedCodeRedemption Result, PreAuthorizedCodeRecord? Record)> VerifyAsync(
        string code,
        string? transactionCode,
        IReadOnlyList<string> requestedConfigurationIds,
        int maxFailedAttempts,
        DateTimeOffset now,
        CancellationToken cancellationToken
    );
}
