using GaiaX.Oid4vc.Dapr.State;
using GaiaX.Oid4vc.Issuer.Offers;

namespace GaiaX.Oid4vc.Issuer.Credentials;

public sealed class PreparedCredentialStore(IDaprStateStore state) : IPreparedCredentialStore
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    /// <summary>The state of <paramref name="configurationId"/>'s credential in <paramref name="record"/>.</summary>
    public static (PreparedCredentialState State, string? Credential, string? Reason) StateOf(
        PreparedCredentialsRecord? record,
        string configurationId
    )
    {
        if (record is null)
        {
            return (PreparedCredentialState.Pending, null, null);
        }
        if (record.Accepted == false)
        {
            return (
                PreparedCredentialState.Denied,
                null,
                record.Reasons.Count > 0 ? string.Join("; ", record.Reasons) : "the credential did not pass the compliance assessment"
            );
        }
        if (!record.Credentials.TryGetValue(configurationId, out var prepared))
        {
            return (PreparedCredentialState.Pending, null, null);
        }
        return !prepared.NeedsAssessment || record.Accepted == true
            ? (PreparedCredentialState.Released, prepared.Credential, null)
            : (PreparedCredentialState.Pending, null, null);
    }

    public Task<PreparedCredentialsRecord?> FindAsync(string offerId, CancellationToken cancellationToken) =>
        OfferIds.IsWellFormed(offerId)
            ? state.GetAsync<PreparedCredentialsRecord>(Key(offerId), cancellationToken)
            : Task.FromResult<PreparedCredentialsRecord?>(null);

    public Task AddCredentialAsync(
        string offerId,
        string configurationId,
        PreparedCredential credential,
        CancellationToken cancellationToken
    ) =>
        ChangeAsync(
            offerId,
            record =>
                record with
                {
                    Credentials = new Dictionary<string, PreparedCredential>(record.Credentials, StringComparer.Ordinal)
                    {
                        [configurationId] = credential,
                    },
                },
            cancellationToken
        );

    public Task SetAssessmentAsync(string offerId, bool accepted, IReadOnlyList<string> reasons, CancellationToken cancellationToken) =>
        ChangeAsync(offerId, record => record with { Accepted = accepted, Reasons = reasons }, cancellationToken);

    private async Task ChangeAsync(
        string offerId,
        Func<PreparedCredentialsRecord, PreparedCredentialsRecord> change,
        CancellationToken cancellationToken
    )
    {
        // An id never minted here names no offer: nothing to prepare for it, and no state key is built from it.
        if (!OfferIds.IsWellFormed(offerId))
        {
            return;
        }
        // The verdict may arrive before the credential it judges (independent deliveries): create the record on first touch.
        await state
            .TryCreateAsync(Key(offerId), new PreparedCredentialsRecord { OfferId = offerId }, Retention, cancellationToken)
            .ConfigureAwait(false);
        await state.UpdateAsync(Key(offerId), change, Retention, cancellationToken).ConfigureAwait(false);
    }

    private static string Key(string offerId) => "prepared:" + offerId;
}
