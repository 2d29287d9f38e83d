using GaiaX.Oid4vc.Dapr.State;
using GaiaX.Oid4vc.Issuer.Protocol;
using GaiaX.Oid4vc.ServiceDefaults.Webhooks;
using Microsoft.Extensions.Caching.Memory;

namespace GaiaX.Oid4vc.Issuer.Offers;

/// <summary>Offers in the state store. Records outlive the offer's expiry so its status stays readable.</summary>
public sealed class OfferStore(IDaprStateStore state, IWebhookSender? webhooks = null) : IOfferStore, IDisposable
{
    // Offers known to be in a final state (issued, failed): final states never change, so repeated
    // status updates for them (every further credential request) need no state read.
    private readonly Microsoft.Extensions.Caching.Memory.MemoryCache _final = new(
        new Microsoft.Extensions.Caching.Memory.MemoryCacheOptions { SizeLimit = 100_000 }
    );

    /// <summary>Status remains queryable this long after an offer expires.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    public async Task SaveAsync(OfferRecord offer, IReadOnlyList<StateChange> alongside, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(alongside);
        // One transaction (one sidecar call): the offer, its issuer_state link and its pre-authorized code appear together.
        var changes = new List<StateChange>(alongside.Count + 2)
        {
            StateChange.Upsert(Key(offer.Id), offer, offer.ExpiresAt - offer.CreatedAt + Retention),
        };
        if (offer.AuthorizationCodeGrantAllowed)
        {
            changes.Add(
                StateChange.Upsert(IssuerStateKey(offer.IssuerState), new IssuerStateLink(offer.Id), offer.ExpiresAt - offer.CreatedAt)
            );
        }
        changes.AddRange(alongside);
        await state.WriteAllAsync(changes, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> TryRedeemAsync(
        VersionedState<OfferRecord> read,
        IReadOnlyList<StateChange> alongside,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(alongside);
        var current = read;
        for (var attempt = 0; attempt < 16 && current is not null; attempt++)
        {
            var offer = current.Value;
            if (offer.Redeemed)
            {
                return false;
            }
            // A status never moves backwards: an offer failed meanwhile stays failed.
            var redeemed = offer with
            {
                Redeemed = true,
                Status = offer.Status == OfferStatus.Offered ? OfferStatus.TokenIssued : offer.Status,
            };
            var changes = new List<StateChange>(alongside.Count + 1)
            {
                StateChange.Replace(Key(offer.Id), redeemed, current.ETag, Retention),
            };
            changes.AddRange(alongside);
            if (await state.TryWriteAllAsync(changes, cancellationToken).ConfigureAwait(false))
            {
                if (redeemed.Status != offer.Status)
                {
                    Notify(offer, redeemed.Status, null);
                }
                return true;
            }
            current = await state.GetVersionedAsync<OfferRecord>(Key(offer.Id), cancellationToken).ConfigureAwait(false);
        }
        return false;
    }

    public async Task<OfferRecord?> FindAsync(string offerId, CancellationToken cancellationToken) =>
        OfferIds.IsWellFormed(offerId) ? await state.GetAsync<OfferRecord>(Key(offerId), cancellationToken).ConfigureAwait(false) : null;

    public Task<VersionedState<OfferRecord>?> FindVersionedAsync(string offerId, CancellationToken cancellationToken) =>
        OfferIds.IsWellFormed(offerId)
            ? state.GetVersionedAsync<OfferRecord>(Key(offerId), cancellationToken)
            : Task.FromResult<VersionedState<OfferRecord>?>(null);

    public async Task<OfferRecord?> FindByIssuerStateAsync(string issuerState, CancellationToken cancellationToken)
    {
        var link = await state.GetVersionedAsync<IssuerStateLink>(IssuerStateKey(issuerState), cancellationToken).ConfigureAwait(false);
        return link is null ? null : await FindAsync(link.Value.OfferId, cancellationToken).ConfigureAwait(false);
    }

    public Task SetStatusAsync(string offerId, OfferStatus status, string? failureReason, CancellationToken cancellationToken) =>
        SetStatusAsync(offerId, null, status, failureReason, cancellationToken);

    public Task SetStatusAsync(
        VersionedState<OfferRecord> read,
        OfferStatus status,
        string? failureReason,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(read);
        return SetStatusAsync(read.Value.Id, read, status, failureReason, cancellationToken);
    }

    /// <summary>The event type of an offer's status change, as its webhook carries it.</summary>
    public const string StatusChangedEventType = "eu.gaia-x.oid4vc.issuer.offer.status-changed";

    private void Notify(OfferRecord offer, OfferStatus status, string? failureReason)
    {
        if (webhooks is not null && offer.CallbackUrl is { } callback)
        {
            // The same body GET /api/offers/{id} answers, so a back end handles both alike.
            var data = System.Text.Json.JsonSerializer.SerializeToNode(
                new OfferStatusResponse(offer.Id, status, failureReason, offer.CredentialConfigurationIds, offer.CreatedAt, offer.ExpiresAt)
            )!;
            webhooks.Enqueue(new WebhookEvent(new Uri(callback), StatusChangedEventType, offer.Id, data));
        }
    }

    private async Task SetStatusAsync(
        string offerId,
        VersionedState<OfferRecord>? read,
        OfferStatus status,
        string? failureReason,
        CancellationToken cancellationToken
    )
    {
        // An id never minted here names no offer (and must not become a state key).
        if (!OfferIds.IsWellFormed(offerId) || _final.TryGetValue(offerId, out _))
        {
            return;
        }
        for (var attempt = 0; attempt < 16; attempt++)
        {
            var current =
                attempt == 0 && read is not null
                    ? read
                    : await state.GetVersionedAsync<OfferRecord>(Key(offerId), cancellationToken).ConfigureAwait(false);
            var offer = current?.Value;
            if (offer?.Status is OfferStatus.Issued or OfferStatus.Failed)
            {
                RememberFinal(offerId);
            }
            // Final states stay final, and a status never moves backwards (events may arrive late or twice).
            if (
                offer is null
                || offer.Status is OfferStatus.Issued or OfferStatus.Failed
                || offer.Status == status
                || (status < offer.Status && status != OfferStatus.Failed)
            )
            {
                return;
            }
            if (
                await state
                    .TrySaveAsync(
                        Key(offerId),
                        offer with
                        {
                            Status = status,
                            FailureReason = failureReason,
                        },
                        current!.ETag,
                        Retention,
                        cancellationToken
                    )
                    .ConfigureAwait(false)
            )
            {
                if (status is OfferStatus.Issued or OfferStatus.Failed)
                {
                    RememberFinal(offerId);
                }
                Notify(offer, status, failureReason);
                return;
            }
        }
        throw new InvalidOperationException($"Offer {offerId} kept changing under concurrent updates.");
    }

    private void RememberFinal(string offerId) =>
        _final.Set(
            offerId,
            true,
            new Microsoft.Extensions.Caching.Memory.MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromHours(1) }
        );

    public void Dispose() => _final.Dispose();

    /// <summary>The state key of an offer (well-formed ids only, <see cref="OfferIds.IsWellFormed"/>).</summary>
    public static string Key(string offerId) => "offer:" + offerId;

    private static string IssuerStateKey(string issuerState) => "issuer-state:" + Secrets.Hash(issuerState);

    private sealed record IssuerStateLink(string OfferId);
}
