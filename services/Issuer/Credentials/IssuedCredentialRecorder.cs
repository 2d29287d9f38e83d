using GaiaX.Oid4vc.Issuer.Notification;
using GaiaX.Oid4vc.Issuer.Offers;
using GaiaX.Oid4vc.Issuer.Protocol;
using GaiaX.Oid4vc.Issuer.Token;

namespace GaiaX.Oid4vc.Issuer.Credentials;

/// <summary>
/// Records a credential handed to the wallet, from the credential or the deferred credential
/// endpoint alike: a <c>notification_id</c> tied to the access token (OpenID4VCI 1.0 section 11),
/// and the offer's move to <c>issued</c>.
/// </summary>
public sealed class IssuedCredentialRecorder(INotificationStore notifications, IOfferStore offers)
{
    /// <summary>Records the delivery; the <c>notification_id</c> for the credential response.</summary>
    public async Task<string> RecordAsync(
        ValidatedAccessToken token,
        string? offerId,
        string configurationId,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(token);
        var notificationId = await notifications
            .CreateAsync(
                new NotificationRecord
                {
                    OfferId = offerId,
                    CredentialConfigurationId = configurationId,
                    AccessTokenHash = Secrets.Hash(token.Token),
                },
                cancellationToken
            )
            .ConfigureAwait(false);
        if (offerId is not null)
        {
            await offers.SetStatusAsync(offerId, OfferStatus.Issued, null, cancellationToken).ConfigureAwait(false);
        }
        return notificationId;
    }
}
