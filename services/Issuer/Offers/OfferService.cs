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
/// Creates credential offers (OpenID4VCI 1.0 section 4): checks the request against the credential
/// configurations, stores the offer and its pre-authorized code, and asks for preparation.
/// </summary>
public sealed class OfferService(
    CredentialConfigurationCatalog catalog,
    IOfferStore offers,
    IPreAuthorizedCodeStore codes,
    IPreparedCredentialStore prepared,
    IEventBus events,
    IssuerEndpoints endpoints,
    IOptions<IssuerOptions> options,
    TimeProvider time)
{
    /// <summary>Validates a management request; the problems are reported together.</summary>
    public IReadOnlyList<string> Validate(CreateOfferRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = new List<string>();
        var ids = request.CredentialConfigurationIds;
        if (ids is null || ids.Count == 0)
        {
            problems.Add("credential_configuration_ids must name at least one credential configuration");
            return problems;
        }
        if (ids.Distinct(StringComparer.Ordinal).Count() != ids.Count)
        {
            problems.Add("credential_configuration_ids must not repeat an id");
        }
        foreach (var id in ids)
        {
            var configuration = catalog.Find(id);
            if (configuration is null)
            {
                problems.Add($"credential configuration '{id}' is not supported by this issuer");
                continue;
            }
            var claims = request.Claims is not null && request.Claims.TryGetValue(id, out var value) ? value : EmptyObject;
            problems.AddRange(CredentialConfigurationCatalog.CheckClaims(id, configuration, claims));
        }
        foreach (var extra in (request.Claims?.Keys ?? Enumerable.Empty<string>()).Except(ids, StringComparer.Ordinal))
        {
            problems.Add($"claims are given for '{extra}', which is not in credential_configuration_ids");
        }
        if (request.TxCode is { } tx)
        {
            if (tx.InputMode is not (null or "numeric" or "text"))
            {
                problems.Add("tx_code.input_mode must be 'numeric' or 'text'");
            }
            if (tx.Length is < 4 or > 12)
            {
                problems.Add("tx_code.length must be between 4 and 12");
            }
            if (tx.Description is { Length: > 300 })
            {
                problems.Add("tx_code.description must not exceed 300 characters");
            }
        }
        if (request.SubjectId is { } subjectId && !IsSubjectId(subjectId))
        {
            problems.Add($"subject_id must be an absolute URI (e.g. a DID) of at most {MaxSubjectIdLength} characters without spaces or control characters: it becomes credentialSubject.id, which VCDM 2.0 requires to be a URL");
        }
        if (request.ExpiresIn is { } expiresIn && (expiresIn < 30 || expiresIn > options.Value.MaxOfferLifetimeSeconds))
        {
            problems.Add($"expires_in must be between 30 and {options.Value.MaxOfferLifetimeSeconds} seconds");
        }
        return problems;
    }

    /// <summary>Longer subject identifiers are refused (a DID or URL of a participant is far shorter).</summary>
    public const int MaxSubjectIdLength = 2048;

    /// <summary>An absolute URI without whitespace or control characters, as <c>credentialSubject.id</c> must be.</summary>
    public static bool IsSubjectId(string value) =>
        value.Length is > 0 and <= MaxSubjectIdLength
        && !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
        && global::GaiaX.Oid4vc.Credentials.Vcdm.VcdmRules.IsAbsoluteUri(value);

    /// <summary>Creates an offer from a request that passed <see cref="Validate"/>.</summary>
    public async Task<CreatedOffer> CreateAsync(CreateOfferRequest request, CancellationToken cancellationToken, string? offerId = null, IReadOnlyDictionary<string, PreparedCredential>? preparedCredentials = null)
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
            Claims = ids.ToDictionary(id => id, id => request.Claims is not null && request.Claims.TryGetValue(id, out var c) ? c.Clone() : EmptyObject, StringComparer.Ordinal),
            TransactionCode = txSpec,
            IssuerState = Secrets.NewHandle(),
            SubjectId = request.SubjectId,
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };
        var preAuthorizedCode = Secrets.NewHandle();
        if (preparedCredentials is not null)
        {
            foreach (var (configurationId, credential) in preparedCredentials)
            {
                await prepared.AddCredentialAsync(offer.Id, configurationId, credential, cancellationToken).ConfigureAwait(false);
            }
        }
        var credentialOffer = BuildCredentialOffer(offer, preAuthorizedCode);
        offer = offer with { CredentialOfferJson = credentialOffer.ToJsonString() };
        await offers.SaveAsync(offer, cancellationToken).ConfigureAwait(false);
        await codes.StoreAsync(preAuthorizedCode, new PreAuthorizedCodeRecord
        {
            OfferId = offer.Id,
            CredentialConfigurationIds = offer.CredentialConfigurationIds,
            TransactionCodeHash = txCode is null ? null : Secrets.Hash(txCode),
            ExpiresAt = offer.ExpiresAt,
        }, cancellationToken).ConfigureAwait(false);

        // Credentials another service signs are requested now, so they may be ready when the wallet comes.
        foreach (var id in ids)
        {
            var configuration = catalog.Find(id)!;
            if (configuration.Preparation == CredentialPreparation.Notary)
            {
                await events.PublishAsync(new IssuanceRequested(offer.Id, id, offer.Claims[id], offer.SubjectId, configuration.Format), cancellationToken).ConfigureAwait(false);
            }
        }
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
