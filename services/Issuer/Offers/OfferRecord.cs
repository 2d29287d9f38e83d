using Microsoft.Extensions.Caching.Memory;
using System.Text.Json;
using System.Text.Json.Serialization;
using GaiaX.Oid4vc.Issuer.Protocol;
using GaiaX.Oid4vc.Dapr.State;

namespace GaiaX.Oid4vc.Issuer.Offers;

/// <summary>Where an offer stands, as <c>GET /api/offers/{id}</c> reports it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OfferStatus>))]
public enum OfferStatus
{
    [JsonStringEnumMemberName("offered")]
    Offered,

    [JsonStringEnumMemberName("token_issued")]
    TokenIssued,

    [JsonStringEnumMemberName("pending")]
    Pending,

    [JsonStringEnumMemberName("issued")]
    Issued,

    [JsonStringEnumMemberName("failed")]
    Failed,

    [JsonStringEnumMemberName("expired")]
    Expired,
}

/// <summary>The transaction code an offer asks for (without the code itself).</summary>
public sealed record TransactionCodeSpec(
    [property: JsonPropertyName("input_mode")] string InputMode,
    [property: JsonPropertyName("length")] int Length,
    [property: JsonPropertyName("description")] string? Description);

/// <summary>A credential offer as the Issuer keeps it.</summary>
public sealed record OfferRecord
{
    public required string Id { get; init; }

    public required IReadOnlyList<string> CredentialConfigurationIds { get; init; }

    /// <summary>The claims per credential configuration id, checked against the configuration.</summary>
    public required IReadOnlyDictionary<string, JsonElement> Claims { get; init; }

    public TransactionCodeSpec? TransactionCode { get; init; }

    /// <summary>Binds an authorization-code flow to this offer (<c>issuer_state</c>).</summary>
    public required string IssuerState { get; init; }

    /// <summary>The subject the credentials are about (e.g. the participant's DID), when known.</summary>
    public string? SubjectId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public OfferStatus Status { get; init; } = OfferStatus.Offered;

    public string? FailureReason { get; init; }

    /// <summary>The Credential Offer object served at <c>credential_offer_uri</c> (holds the pre-authorized code).</summary>
    public string? CredentialOfferJson { get; init; }

    /// <summary>
    /// Set by the first token response for this offer, whichever grant it came from (first write wins
    /// under the offer's ETag): an offer is redeemed once.
    /// </summary>
    public bool Redeemed { get; init; }

    /// <summary>
    /// Whether <c>issuer_state</c> may start an authorization code flow for this offer: not when it
    /// asks for a transaction code, which only the pre-authorized code grant checks.
    /// </summary>
    [JsonIgnore]
    public bool AuthorizationCodeGrantAllowed => TransactionCode is null;

    /// <summary>The status with expiry applied: an offer nobody redeemed in time is expired.</summary>
    public OfferStatus EffectiveStatus(DateTimeOffset now) =>
        Status == OfferStatus.Offered && now >= ExpiresAt ? OfferStatus.Expired : Status;
}

/// <summary>Offers by id and by <c>issuer_state</c>.</summary>
public interface IOfferStore
{
    Task SaveAsync(OfferRecord offer, CancellationToken cancellationToken);

    Task<OfferRecord?> FindAsync(string offerId, CancellationToken cancellationToken);

    /// <summary>The offer with its ETag, for a status update that needs no second read.</summary>
    Task<VersionedState<OfferRecord>?> FindVersionedAsync(string offerId, CancellationToken cancellationToken);

    Task<OfferRecord?> FindByIssuerStateAsync(string issuerState, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the offer <see cref="OfferRecord.Redeemed"/> (and <c>token_issued</c>) under the ETag of
    /// <paramref name="read"/>, read again on a conflict. Of any number of concurrent callers for one
    /// offer exactly one gets true; false when the offer was redeemed already or is gone.
    /// </summary>
    Task<bool> TryRedeemAsync(VersionedState<OfferRecord> read, CancellationToken cancellationToken);

    /// <summary>Moves an offer forward; a final status (issued, failed) is never left.</summary>
    Task SetStatusAsync(string offerId, OfferStatus status, string? failureReason, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="SetStatusAsync(string, OfferStatus, string?, CancellationToken)"/> starting from an
    /// offer already read: written under its ETag, read again only if it changed meanwhile.
    /// </summary>
    Task SetStatusAsync(VersionedState<OfferRecord> read, OfferStatus status, string? failureReason, CancellationToken cancellationToken);
}

/// <summary>Offers in the state store. Records outlive the offer's expiry so its status stays readable.</summary>
public sealed class OfferStore(IDaprStateStore state) : IOfferStore, IDisposable
{
    // Offers known to be in a final state (issued, failed): final states never change, so repeated
    // status updates for them (every further credential request) need no state read.
    private readonly Microsoft.Extensions.Caching.Memory.MemoryCache _final = new(new Microsoft.Extensions.Caching.Memory.MemoryCacheOptions { SizeLimit = 100_000 });

    /// <summary>Status remains queryable this long after an offer expires.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    public async Task SaveAsync(OfferRecord offer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var ttl = offer.ExpiresAt - offer.CreatedAt + Retention;
        await state.SaveAsync(Key(offer.Id), offer, ttl, cancellationToken).ConfigureAwait(false);
        if (offer.AuthorizationCodeGrantAllowed)
        {
            await state.SaveAsync(IssuerStateKey(offer.IssuerState), new IssuerStateLink(offer.Id), offer.ExpiresAt - offer.CreatedAt, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<bool> TryRedeemAsync(VersionedState<OfferRecord> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        var current = read;
        for (var attempt = 0; attempt < 16 && current is not null; attempt++)
        {
            var offer = current.Value;
            if (offer.Redeemed)
            {
                return false;
            }
            // A status never moves backwards: an offer failed meanwhile stays failed.
            var redeemed = offer with { Redeemed = true, Status = offer.Status == OfferStatus.Offered ? OfferStatus.TokenIssued : offer.Status };
            if (await state.TrySaveAsync(Key(offer.Id), redeemed, current.ETag, Retention, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }
            current = await state.GetVersionedAsync<OfferRecord>(Key(offer.Id), cancellationToken).ConfigureAwait(false);
        }
        return false;
    }

    public async Task<OfferRecord?> FindAsync(string offerId, CancellationToken cancellationToken) =>
        OfferIds.IsWellFormed(offerId) ? await state.GetAsync<OfferRecord>(Key(offerId), cancellationToken).ConfigureAwait(false) : null;

    public Task<VersionedState<OfferRecord>?> FindVersionedAsync(string offerId, CancellationToken cancellationToken) =>
        OfferIds.IsWellFormed(offerId) ? state.GetVersionedAsync<OfferRecord>(Key(offerId), cancellationToken) : Task.FromResult<VersionedState<OfferRecord>?>(null);

    public async Task<OfferRecord?> FindByIssuerStateAsync(string issuerState, CancellationToken cancellationToken)
    {
        var link = await state.GetVersionedAsync<IssuerStateLink>(IssuerStateKey(issuerState), cancellationToken).ConfigureAwait(false);
        return link is null ? null : await FindAsync(link.Value.OfferId, cancellationToken).ConfigureAwait(false);
    }

    public Task SetStatusAsync(string offerId, OfferStatus status, string? failureReason, CancellationToken cancellationToken) =>
        SetStatusAsync(offerId, null, status, failureReason, cancellationToken);

    public Task SetStatusAsync(VersionedState<OfferRecord> read, OfferStatus status, string? failureReason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        return SetStatusAsync(read.Value.Id, read, status, failureReason, cancellationToken);
    }

    private async Task SetStatusAsync(string offerId, VersionedState<OfferRecord>? read, OfferStatus status, string? failureReason, CancellationToken cancellationToken)
    {
        // An id never minted here names no offer (and must not become a state key).
        if (!OfferIds.IsWellFormed(offerId) || _final.TryGetValue(offerId, out _))
        {
            return;
        }
        for (var attempt = 0; attempt < 16; attempt++)
        {
            var current = attempt == 0 && read is not null
                ? read
                : await state.GetVersionedAsync<OfferRecord>(Key(offerId), cancellationToken).ConfigureAwait(false);
            var offer = current?.Value;
            if (offer?.Status is OfferStatus.Issued or OfferStatus.Failed)
            {
                RememberFinal(offerId);
            }
            // Final states stay final, and a status never moves backwards (events may arrive late or twice).
            if (offer is null || offer.Status is OfferStatus.Issued or OfferStatus.Failed || offer.Status == status || (status < offer.Status && status != OfferStatus.Failed))
            {
                return;
            }
            if (await state.TrySaveAsync(Key(offerId), offer with { Status = status, FailureReason = failureReason }, current!.ETag, Retention, cancellationToken).ConfigureAwait(false))
            {
                if (status is OfferStatus.Issued or OfferStatus.Failed)
                {
                    RememberFinal(offerId);
                }
                return;
            }
        }
        throw new InvalidOperationException($"Offer {offerId} kept changing under concurrent updates.");
    }

    private void RememberFinal(string offerId) =>
        _final.Set(offerId, true, new Microsoft.Extensions.Caching.Memory.MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromHours(1) });

    public void Dispose() => _final.Dispose();

    private static string Key(string offerId) => "offer:" + offerId;

    private static string IssuerStateKey(string issuerState) => "issuer-state:" + Secrets.Hash(issuerState);

    private sealed record IssuerStateLink(string OfferId);
}
