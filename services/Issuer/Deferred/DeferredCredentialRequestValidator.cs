using System.Text.Json;
using GaiaX.Oid4vc.Credentials.Protocol;
using GaiaX.Oid4vc.Issuer.Protocol;
using GaiaX.Oid4vc.Issuer.Token;

namespace GaiaX.Oid4vc.Issuer.Deferred;

/// <summary>
/// The deferred credential request rules of OpenID4VCI 1.0 section 9.1: a <c>transaction_id</c> of
/// a live transaction that belongs to the access token's offer.
/// </summary>
public sealed class DeferredCredentialRequestValidator(IDeferredTransactionStore deferred)
{
    public async Task<Outcome<ValidatedDeferredCredentialRequest>> ValidateAsync(
        ValidatedAccessToken token,
        JsonElement request,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(token);
        var transactionId = JsonMembers.NonEmptyString(request, "transaction_id", out var malformed);
        if (transactionId is null || malformed)
        {
            return Outcome<ValidatedDeferredCredentialRequest>.Fail(ErrorCodes.InvalidCredentialRequest, "transaction_id is required");
        }
        var transaction = await deferred.FindAsync(transactionId, cancellationToken).ConfigureAwait(false);
        if (transaction is null || transaction.Value.OfferId != token.Record.OfferId)
        {
            return Outcome<ValidatedDeferredCredentialRequest>.Fail(
                ErrorCodes.InvalidTransactionId,
                "the transaction_id is unknown, expired or already redeemed"
            );
        }
        return Outcome<ValidatedDeferredCredentialRequest>.Success(
            new ValidatedDeferredCredentialRequest(token, transactionId, transaction)
        );
    }
}
