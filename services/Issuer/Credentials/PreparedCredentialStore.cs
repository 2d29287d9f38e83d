using GaiaX.Oid4vc.Dapr.State;
using GaiaX.Oid4vc.Issuer.Offers;

namespace GaiaX.Oid4vc.Issuer.Credentials;

/// <summary>
/// Credentials another service prepared for an offer, and Compliance's verdict on them. A
/// credential is released to the wallet only when it is prepared and, for Notary-prepared
/// credentials, accepted by Compliance.
/// </summary>
public sealed record PreparedCredentialsRecord
{
    public required string OfferId { get; init; }

    /// <summary>The prepared credentials by credential configuration id.</summary>
    public IReadOnlyDictionary<string, PreparedCredential> Credentials { get; init; } = new Dictionary<string, PreparedCredential>(StringComparer.Ordinal);

    /// <summary>Null until Compliance assessed the offer's credentials.</summary>
    public bool? Accepted { get; init; }

    public IReadOnlyList<string> Reasons { get; init; } = [];
}

/// <summary>One prepared credential in its wire form.</summary>
public sealed record PreparedCredential(string Credential, string Format, bool NeedsAssessment);

/// <summary>Where a prepared credential stands for the wallet.</summary>
public enum PreparedCredentialState
{
    Pending,
    Released,
    Denied,
}

public interface IPreparedCredentialStore
{
    Task<PreparedCredentialsRecord?> FindAsync(string offerId, CancellationToken cancellationToken);

    Task AddCredentialAsync(string offerId, string configurationId, PreparedCredential credential, CancellationToken cancellationToken);

    Task SetAssessmentAsync(string offerId, bool accepted, IReadOnlyList<string> reasons, CancellationToken cancellationToken);
}

public sealed class PreparedCredentialStore(IDaprStateStore state) : IPreparedCredentialStore
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    /// <summary>The state of <paramref name="configurationId"/>'s credential in <paramref name="record"/>.</summary>
    public static (PreparedCredentialState State, string? Credential, string? Reason) StateOf(PreparedCredentialsRecord? record, string configurationId)
    {
        if (record is null)
        {
            return (PreparedCredentialState.Pending, null, null);
        }
        if (record.Accepted == false)
        {
            return (PreparedCredentialState.Denied, null, record.Reasons.Count > 0 ? string.Join("; ", record.Reasons) : "the credential did not pass the compliance assessment");
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
        OfferIds.IsWellFormed(offerId) ? state.GetAsync<PreparedCredentialsRecord>(Key(offerId), cancellationToken) : Task.FromResult<PreparedCredentialsRecord?>(null);

    public Task AddCredentialAsync(string offerId, string configurationId, PreparedCredential credential, CancellationToken cancellationToken) =>
        ChangeAsync(offerId, record => record with
        {
            Credentials = new Dictionary<string, PreparedCredential>(record.Credentials, StringComparer.Ordinal) { [configurationId] = credential },
        }, cancellationToken);

    public Task SetAssessmentAsync(string offerId, bool accepted, IReadOnlyList<string> reasons, CancellationToken cancellationToken) =>
        ChangeAsync(offerId, record => record with { Accepted = accepted, Reasons = reasons }, cancellationToken);

    private async Task ChangeAsync(string offerId, Func<PreparedCredentialsRecord, PreparedCredentialsRecord> change, CancellationToken cancellationToken)
    {
        // An id never minted here names no offer: nothing to prepare for it, and no state key is built from it.
        if (!OfferIds.IsWellFormed(offerId))
        {
            return;
        }
        // The verdict may arrive before the credential it judges (independent deliveries): create the record on first touch.
        await state.TryCreateAsync(Key(offerId), new PreparedCredentialsRecord { OfferId = offerId }, Retention, cancellationToken).ConfigureAwait(false);
        await state.UpdateAsync(Key(offerId), change, Retention, cancellationToken).ConfigureAwait(false);
    }

    private static string Key(string offerId) => "prepared:" + offerId;
}
