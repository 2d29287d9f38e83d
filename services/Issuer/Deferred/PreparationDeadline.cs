using System.Globalization;
using GaiaX.Oid4vc.Issuer.Credentials;
using GaiaX.Oid4vc.Issuer.Metadata;
using GaiaX.Oid4vc.Issuer.Offers;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Issuer.Deferred;

/// <summary>
/// The safety net under deferred issuance. A credential another service prepares must be ready
/// (prepared and, for a Notary credential, accepted) within
/// <see cref="IssuerOptions.DeferredPreparationDeadlineSeconds"/> of the offer's creation, which is
/// when <c>issuance-requested</c> was published. Whatever held it up (the Notary or Compliance down,
/// an event lost), past the deadline the wallet gets <c>credential_request_denied</c> and the offer
/// fails with the reason, instead of answering "pending" until the transaction expires.
/// </summary>
public sealed class PreparationDeadline(
    IOfferStore offers,
    IPreparedCredentialStore prepared,
    CredentialConfigurationCatalog catalog,
    IOptions<IssuerOptions> options,
    TimeProvider time
)
{
    private TimeSpan Allowed => TimeSpan.FromSeconds(options.Value.DeferredPreparationDeadlineSeconds);

    /// <summary>Why the offer failed, for the wallet's <c>error_description</c> and the offer status.</summary>
    public string Reason
    {
        get
        {
            var allowed = Allowed;
            var span =
                allowed.TotalSeconds % 60 == 0
                    ? string.Create(CultureInfo.InvariantCulture, $"{allowed.TotalMinutes:0} minutes")
                    : string.Create(CultureInfo.InvariantCulture, $"{allowed.TotalSeconds:0} seconds");
            return $"issuer: the credential was not prepared within {span} of the offer";
        }
    }

    /// <summary>The deadline of the offer's prepared credentials; null when the offer is gone.</summary>
    public async Task<DateTimeOffset?> OfOfferAsync(string offerId, CancellationToken cancellationToken)
    {
        var offer = await offers.FindAsync(offerId, cancellationToken).ConfigureAwait(false);
        return offer is null ? null : Of(offer);
    }

    public DateTimeOffset Of(OfferRecord offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return offer.CreatedAt + Allowed;
    }

    public bool HasPassed(DateTimeOffset deadline) => time.GetUtcNow() >= deadline;

    /// <summary>Fails the offer with <see cref="Reason"/> (a final state: a late credential is not delivered).</summary>
    public async Task<string> FailOfferAsync(string offerId, CancellationToken cancellationToken)
    {
        var reason = Reason;
        await offers.SetStatusAsync(offerId, OfferStatus.Failed, reason, cancellationToken).ConfigureAwait(false);
        return reason;
    }

    /// <summary>
    /// Why the offer failed, when it did: a failed offer is final, so a credential prepared after it
    /// failed (a late Notary answer after the deadline denied the wallet) is never delivered.
    /// </summary>
    public async Task<string?> FailureOfAsync(string offerId, CancellationToken cancellationToken)
    {
        var offer = await offers.FindAsync(offerId, cancellationToken).ConfigureAwait(false);
        return offer is { Status: OfferStatus.Failed } ? offer.FailureReason ?? Reason : null;
    }

    /// <summary>
    /// The status <c>GET /api/offers/{id}</c> reports: a pending offer past its deadline with a prepared
    /// credential still not ready is failed, even if the wallet stopped asking. The failure is recorded
    /// when it is first reported, so what the back office was told stays true.
    /// </summary>
    public async Task<(OfferStatus Status, string? Reason)> ReportedStatusAsync(OfferRecord offer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var status = offer.EffectiveStatus(time.GetUtcNow());
        if (status != OfferStatus.Pending || !HasPassed(Of(offer)))
        {
            return (status, offer.FailureReason);
        }
        var record = await prepared.FindAsync(offer.Id, cancellationToken).ConfigureAwait(false);
        var stillWaiting = offer
            .CredentialConfigurationIds.Where(id => catalog.Find(id) is { Preparation: not CredentialPreparation.IssuerSigned })
            .Any(id => PreparedCredentialStore.StateOf(record, id).State == PreparedCredentialState.Pending);
        if (!stillWaiting)
        {
            return (status, offer.FailureReason);
        }
        return (OfferStatus.Failed, await FailOfferAsync(offer.Id, cancellationToken).ConfigureAwait(false));
    }
}
