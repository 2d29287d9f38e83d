using GaiaX.Oid4vc.Dapr.State;
using GaiaX.Oid4vc.Issuer.Token;

namespace GaiaX.Oid4vc.Issuer.Deferred;

/// <summary>
/// A deferred credential request (OpenID4VCI 1.0 section 9.1) for a live transaction of the access
/// token's offer, as read: ending it is conditional on its ETag, so it is redeemed once.
/// </summary>
public sealed record ValidatedDeferredCredentialRequest(
    ValidatedAccessToken Token,
    string TransactionId,
    VersionedState<DeferredTransactionRecord> Transaction
);
