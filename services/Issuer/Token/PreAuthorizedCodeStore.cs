using GaiaX.Oid4vc.Dapr.State;
using GaiaX.Oid4vc.Issuer.Protocol;

namespace GaiaX.Oid4vc.Issuer.Token;

public sealed class PreAuthorizedCodeStore(IDaprStateStore state, TimeProvider time) : IPreAuthorizedCodeStore
{
    public Task StoreAsync(string code, PreAuthorizedCodeRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return state.SaveAsync(Key(code), record, record.ExpiresAt - time.GetUtcNow() + TimeSpan.FromMinutes(1), cancellationToken);
    }

    public async Task<(PreAuthorizedCodeRedemption Result, PreAuthorizedCodeRecord? Record)> VerifyAsync(
        string code,
        string? transactionCode,
        IReadOnlyList<string> requestedConfigurationIds,
        int maxFailedAttempts,
        DateTimeOffset now,
        CancellationToken cancellationToken
    )
    {
        var key = Key(code);
        for (var attempt = 0; attempt < 32; attempt++)
        {
            var item = await state.GetVersionedAsync<PreAuthorizedCodeRecord>(key, cancellationToken).ConfigureAwait(false);
            if (item is null)
            {
                return (PreAuthorizedCodeRedemption.Unknown, null);
            }
            var record = item.Value;
            // Checked before anything is counted or consumed, so a wallet that asked for the wrong
            // thing can ask again with the same code.
            if (requestedConfigurationIds.Except(record.CredentialConfigurationIds, StringComparer.Ordinal).Any())
            {
                return (PreAuthorizedCodeRedemption.NotOffered, record);
            }
            if (now >= record.ExpiresAt)
            {
                await state.TryDeleteAsync(key, item.ETag, cancellationToken).ConfigureAwait(false);
                return (PreAuthorizedCodeRedemption.Expired, record);
            }
            if (record.FailedAttempts >= maxFailedAttempts)
            {
                return (PreAuthorizedCodeRedemption.LockedOut, record);
            }
            if (record.TransactionCodeHash is null && transactionCode is not null)
            {
                return (PreAuthorizedCodeRedemption.TransactionCodeUnexpected, record);
            }
            if (record.TransactionCodeHash is not null && transactionCode is null)
            {
                return (PreAuthorizedCodeRedemption.TransactionCodeMissing, record);
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
                    failed
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
                return (PreAuthorizedCodeRedemption.Verified, verified);
            }
            return (PreAuthorizedCodeRedemption.Verified, record);
        }
        return (PreAuthorizedCodeRedemption.Unknown, null);
    }

    private static string Key(string code) => "pre-authorized-code:" + Secrets.Hash(code);
}
