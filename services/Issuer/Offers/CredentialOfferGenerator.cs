using System.Text.Json;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Dapr.Events;
using GaiaX.Oid4vc.Issuer.Credentials;
using GaiaX.Oid4vc.Issuer.Metadata;
using GaiaX.Oid4vc.Issuer.Protocol;
using GaiaX.Oid4vc.Issuer.Token;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Issuer.Offers;

/// <summary>
/// Creates credential offers (OpenID4VCI 1.0 section 4) from requests that passed
/// <see cref="CreateOfferRequestValidator"/>: stores the offer and its pre-authorized code, and asks
/// for preparation of the credentials another service signs.
/// </summary>
public sealed class CredentialOfferGenerator(
    CredentialConfigurationCatalog catalog,
    IOfferStore offers,
    IPreAuthorizedCodeStore codes,
    IPreparedCredentialStore prepared,
    IEventBus events,
    IssuerEndpoints endpoints,
    IOptions<IssuerOptions> options,
    TimeProvider time,
    IssuerMetrics? metrics = null
)
{
    /// <summary>Creates an offer from a request that passed <see cref="CreateOfferRequestValidator.Validate"/>.</summary>
    public async Task<CreatedOffer> CreateAsync(
        CreateOfferRequest request,
        CancellationToken cancellationToken,
        string? offerId = null,
        IReadOnlyDictionary<string, PreparedCredential>? preparedCredentials = null
    )
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = time.GetUtcNow();
        var lifetime = TimeSpan.FromSeconds(request.ExpiresIn ?? options.Value.OfferLifetimeSeconds);
        var ids = request.CredentialConfigurationIds!;
        TransactionCodeSpec? txSpec = null;
        string? txCode = null;
        if (request.TxCode is { } tx)
        {
            var mode = tx.InputMode ?? "numeric";
            var length = tx.Length ?? 6;
            txSpec = new TransactionCodeSpec(mode, length, tx.Description);
            txCode = mode == "numeric" ? Secrets.NewNumericCode(length) : Secrets.NewTextCode(length);
        }
        var offer = new OfferRecord
        {
            Id = offerId ?? Secrets.NewHandle(16),
            CredentialConfigurationIds = ids.ToArray(),
            Claims = ids.ToDictionary(
                id => id,
                id => request.Claims is not null && request.Claims.TryGetValue(id, out var c) ? c.Clone() : EmptyObject,
                StringComparer.Ordinal
            ),
            TransactionCode = txSpec,
            IssuerState = Secrets.NewHandle(),
            SubjectId = request.SubjectId,
            CallbackUrl = request.CallbackUrl,
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };
        var preAuthorizedCode = PreAuthorizedCodeStore.NewCode(offer.Id);
        if (preparedCredentials is not null)
        {
            foreach (var (configurationId, credential) in preparedCredentials)
            {
                await prepared.AddCredentialAsync(offer.Id, configurationId, credential, cancellationToken).ConfigureAwait(false);
            }
        }
        var credentialOffer = BuildCredentialOffer(offer, preAuthorizedCode);
        offer = offer with { CredentialOfferJson = credentialOffer.ToJsonString() };
        var code = codes.Prepare(
            preAuthorizedCode,
            new PreAuthorizedCodeRecord
            {
                OfferId = offer.Id,
                CredentialConfigurationIds = offer.CredentialConfigurationIds,
                TransactionCodeHash = txCode is null ? null : Secrets.Hash(txCode),
                ExpiresAt = offer.ExpiresAt,
            }
        );
        await offers.SaveAsync(offer, [code], cancellationToken).ConfigureAwait(false);

        // Credentials another service signs are requested now, so they may be ready when the wallet comes.
        foreach (var id in ids)
        {
            var configuration = catalog.Find(id)!;
            if (configuration.Preparation == CredentialPreparation.Notary)
            {
                await events
                    .PublishAsync(
                        new IssuanceRequested(offer.Id, id, offer.Claims[id], offer.SubjectId, configuration.Format),
                        cancellationToken
                    )
                    .ConfigureAwait(false);
            }
        }
        metrics?.OfferCreated(offer.CredentialConfigurationIds);
        return new CreatedOffer(offer, credentialOffer, txCode);
    }

    /// <summary>
    /// The Credential Offer object (section 4.1.1). An offer without a transaction code carries both
    /// grants; one with a transaction code carries only the pre-authorized code grant. Its
    /// <c>issuer_state</c> would otherwise let anyone who sees the offer through the authorization
    /// code flow without the code: that flow has no End-User login here, so the tx_code is the only
    /// proof that the wallet is the intended one.
    /// </summary>
    public JsonObject BuildCredentialOffer(OfferRecord offer, string preAuthorizedCode)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var ids = new JsonArray();
        foreach (var id in offer.CredentialConfigurationIds)
        {
            ids.Add(id);
        }
        var preAuthorized = new JsonObject { ["pre-authorized_code"] = preAuthorizedCode };
        if (offer.TransactionCode is { } tx)
        {
            var txNode = new JsonObject { ["input_mode"] = tx.InputMode, ["length"] = tx.Length };
            if (tx.Description is not null)
            {
                txNode["description"] = tx.Description;
            }
            preAuthorized["tx_code"] = txNode;
        }
        var grants = new JsonObject { [GrantTypes.PreAuthorizedCode] = preAuthorized };
        if (offer.AuthorizationCodeGrantAllowed)
        {
            grants[GrantTypes.AuthorizationCode] = new JsonObject { ["issuer_state"] = offer.IssuerState };
        }
        return new JsonObject
        {
            ["credential_issuer"] = endpoints.CredentialIssuer,
            ["credential_configuration_ids"] = ids,
            ["grants"] = grants,
        };
    }

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();
}
