using GaiaX.Oid4vc.Dapr.State;
using GaiaX.Oid4vc.Issuer.Offers;
using GaiaX.Oid4vc.Issuer.Protocol;

namespace GaiaX.Oid4vc.Issuer.Token;

public sealed class PreAuthorizedCodeStore(IDaprStateStore state, TimeProvider time) : IPreAuthorizedCodeStore
{
    /// <summary>
    /// A new code for <paramref name="offerId"/>: <c>{offer id}.{random}</c>. The offer id (never a secret from the code's
    /// holder, whose offer names it) lets the token request read the code and its offer in one call.
    /// </summary>
    public static string NewCode(string offerId) => offerId + "." + Secrets.NewHandle();

    public StateChange Prepare(string code, PreAuthorizedCodeRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return StateChange.Upsert(Key(code), record, record.ExpiresAt - time.GetUtcNow() + TimeSpan.FromMinutes(1));
    }

    public async Task<(
        PreAuthorizedCodeRedemption Result,
        PreAuthorizedCodeRecord? Record,
        VersionedState<OfferRecord>? Offer
    )> VerifyAsync(
        string code,
        string? transactionCode,
        IReadOnlyList<string> requestedConfigurationIds,
        int maxFailedAttempts,
        DateTimeOffset now,
        CancellationToken cancellationToken
    )
    {
        var key = Key(code);
        var dot = code.IndexOf('.', StringComparison.Ordinal);
        var namedOffer = dot > 0 && OfferIds.IsWellFormed(code[..dot]) ? code[..dot] : null;
        for (var attempt = 0; attempt < 32; attempt++)
        {
            VersionedState<PreAuthorizedCodeRecord>? item;
            VersionedState<OfferRecord>? offer = null;
            if (namedOffer is null)
            {
                item = await state.GetVersionedAsync<PreAuthorizedCodeRecord>(key, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                (item, offer) = await state
                    .GetVersionedAsync<PreAuthorizedCodeRecord, OfferRecord>(key, OfferStore.Key(namedOffer), cancellationToken)
                    .ConfigureAwait(false);
            }
            if (item is null)
            {
                return (PreAuthorizedCodeRedemption.Unknown, null, null);
            }
            var record = item.Value;
            // The offer read alongside counts only if it is the code's own (a code cannot name another offer).
            offer = offer is not null && string.Equals(offer.Value.Id, record.OfferId, StringComparison.Ordinal) ? offer : null;
            // Checked before anything is counted or consumed, so a wallet that asked for the wrong
            // thing can ask again with the same code.
            if (requestedConfigurationIds.Except(record.CredentialConfigurationIds, StringComparer.Ordinal).Any())
            {
                return (PreAuthorizedCodeRedemption.NotOffered, record, offer);
            }
            if (now >= record.ExpiresAt)
            {
                await state.TryDeleteAsync(key, item.ETag, cancellationToken).ConfigureAwait(false);
                return (PreAuthorizedCodeRedemption.Expired, record, offer);
            }
            if (record.FailedAttempts >= maxFailedAttempts)
            {
                return (PreAuthorizedCodeRedemption.LockedOut, record, offer);
            }
            if (record.TransactionCodeHash is null && transactionCode is not null)
            {
                return (PreAuthorizedCodeRedemption.TransactionCodeUnexpected, record, offer);
            }
            if (record.TransactionCodeHash is not null && transactionCode is null)
            {
                return (PreAuthorizedCodeRedemption.TransactionCodeMissing, record, offer);
            }
            if (
                record.TransactionCodeHash is not null
                && !Secrets.FixedTimeEquals(record.TransactionCodeHash, Secrets.Hash(transactionCode!))
            )
            {
                // Count the failure under the ETag, so concurrent guesses cannot share one attempt.
                var failed = record with { FailedAttempts = record.FailedAttempts + 1 };
                if (
                    !await state
                        .TrySaveAsync(key, failed, item.ETag, record.ExpiresAt - now + TimeSpan.FromMinutes(1), cancellationToken)
                        .ConfigureAwait(false)
                )
                {
                    continue;
                }
                return (
                    failed.FailedAttempts >= maxFailedAttempts
                        ? PreAuthorizedCodeRedemption.LockedOut
                        : PreAuthorizedCodeRedemption.TransactionCodeWrong,
                    failed,
                    offer
                );
            }
            if (record.TransactionCodeHash is not null)
            {
                // The right code holds only if no failure was counted since the read: otherwise
                // read again, and the lockout check above sees the failures that came in between.
                var verified = record with { VerifiedAt = now };
                if (
                    !await state
                        .TrySaveAsync(key, verified, item.ETag, record.ExpiresAt - now + TimeSpan.FromMinutes(1), cancellationToken)
                        .ConfigureAwait(false)
                )
                {
                    continue;
                }
                return (PreAuthorizedCodeRedemption.Verified, verified, offer);
            }
            return (PreAuthorizedCodeRedemption.Verified, record, offer);
        }
        return (PreAuthorizedCodeRedemption.Unknown, null, null);
    }

    private static string Key(string code) => "pre-authorized-code:" + Secrets.Hash(code);
}
