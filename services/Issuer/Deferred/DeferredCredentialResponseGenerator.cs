using GaiaX.Oid4vc.Credentials.Protocol;
using GaiaX.Oid4vc.Issuer.Credentials;
using GaiaX.Oid4vc.Issuer.Offers;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Issuer.Deferred;

/// <summary>
/// The deferred credential response (OpenID4VCI 1.0 section 9.2): the prepared credential once
/// released, ending the transaction (only the request that ends it gets the credential); a refusal
/// when it was denied or its preparation deadline passed; still pending (202) otherwise.
/// </summary>
public sealed class DeferredCredentialResponseGenerator(
    IOfferStore offers,
    IPreparedCredentialStore prepared,
    IDeferredTransactionStore deferred,
    PreparationDeadline deadlines,
    IssuedCredentialRecorder recorder,
    IOptions<IssuerOptions> options,
    IssuerMetrics? metrics = null,
    TimeProvider? time = null
)
{
    public async Task<Outcome<CredentialResponse>> GenerateAsync(
        ValidatedDeferredCredentialRequest request,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(request);
        var (transactionId, transaction) = (request.TransactionId, request.Transaction);
        var record = transaction.Value;
        var state = PreparedCredentialStore.StateOf(
            await prepared.FindAsync(record.OfferId, cancellationToken).ConfigureAwait(false),
            record.CredentialConfigurationId
        );
        switch (state.State)
        {
            case PreparedCredentialState.Released:
                if (await deadlines.FailureOfAsync(record.OfferId, cancellationToken).ConfigureAwait(false) is { } failure)
                {
                    await deferred.TryCompleteAsync(transactionId, transaction.ETag, cancellationToken).ConfigureAwait(false);
                    return Outcome<CredentialResponse>.Fail(ErrorCodes.CredentialRequestDenied, failure);
                }
                if (!await deferred.TryCompleteAsync(transactionId, transaction.ETag, cancellationToken).ConfigureAwait(false))
                {
                    return Outcome<CredentialResponse>.Fail(ErrorCodes.InvalidTransactionId, "the transaction_id was already redeemed");
                }
                RecordWait(record, issued: true);
                var notificationId = await recorder
                    .RecordAsync(request.Token, record.OfferId, record.CredentialConfigurationId, cancellationToken)
                    .ConfigureAwait(false);
                return Outcome<CredentialResponse>.Success(
                    new CredentialResponse([new IssuedCredential(state.Credential!)], notificationId, null, null)
                );
            case PreparedCredentialState.Denied:
                RecordWait(record, issued: false);
                await deferred.TryCompleteAsync(transactionId, transaction.ETag, cancellationToken).ConfigureAwait(false);
                await offers.SetStatusAsync(record.OfferId, OfferStatus.Failed, state.Reason, cancellationToken).ConfigureAwait(false);
                return Outcome<CredentialResponse>.Fail(ErrorCodes.CredentialRequestDenied, state.Reason);
            default:
                if (record.PreparationDeadline is { } deadline && deadlines.HasPassed(deadline))
                {
                    await deferred.TryCompleteAsync(transactionId, transaction.ETag, cancellationToken).ConfigureAwait(false);
                    var reason = await deadlines.FailOfferAsync(record.OfferId, cancellationToken).ConfigureAwait(false);
                    RecordWait(record, issued: false);
                    return Outcome<CredentialResponse>.Fail(ErrorCodes.CredentialRequestDenied, reason);
                }
                return Outcome<CredentialResponse>.Success(
                    new CredentialResponse(null, null, transactionId, options.Value.DeferredIntervalSeconds)
                );
        }
    }

    private void RecordWait(DeferredTransactionRecord record, bool issued)
    {
        if (metrics is not null && record.DeferredAt is { } deferredAt)
        {
            metrics.DeferredWait((time ?? TimeProvider.System).GetUtcNow() - deferredAt, issued);
        }
    }
}
