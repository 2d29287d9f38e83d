using System.Text.Json;
using System.Text.Json.Serialization;
using GaiaX.Oid4vc.Issuer.Deferred;
using GaiaX.Oid4vc.Issuer.Metadata;
using GaiaX.Oid4vc.Issuer.Notification;
using GaiaX.Oid4vc.Issuer.Offers;
using GaiaX.Oid4vc.Issuer.Protocol;
using GaiaX.Oid4vc.Issuer.Token;
using GaiaX.Oid4vc.ServiceDefaults;
using Microsoft.Extensions.Options;
using GaiaX.Oid4vc.Credentials.Protocol;

namespace GaiaX.Oid4vc.Issuer.Credentials;

/// <summary>
/// The credential request rules of OpenID4VCI 1.0 section 8.2 and the response generation of
/// section 8.3, for both issuer-signed and prepared credentials.
/// </summary>
public sealed class CredentialRequestProcessor(
    CredentialConfigurationCatalog catalog,
    KeyProofValidator proofs,
    IEnumerable<ICredentialFormatter> formatters,
    IOfferStore offers,
    IPreparedCredentialStore prepared,
    IDeferredTransactionStore deferred,
    PreparationDeadline deadlines,
    INotificationStore notifications,
    IOptions<IssuerOptions> options,
    TimeProvider time)
{
    private readonly Dictionary<string, ICredentialFormatter> _formatters = formatters.ToDictionary(f => f.Format, StringComparer.Ordinal);

    public async Task<Outcome<CredentialResponse>> ProcessAsync(ValidatedAccessToken token, JsonElement request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        var record = token.Record;
        if (request.TryGetProperty("credential_response_encryption", out _))
        {
            return Outcome<CredentialResponse>.Fail(ErrorCodes.InvalidEncryptionParameters, "this issuer does not offer credential response encryption");
        }
        var identifier = StringProperty(request, "credential_identifier", out var identifierMalformed);
        var configurationId = StringProperty(request, "credential_configuration_id", out var configurationMalformed);
        if (identifierMalformed || configurationMalformed)
        {
            return Invalid("credential_identifier and credential_configuration_id are strings");
        }
        if ((identifier is null) == (configurationId is null))
        {
            // format is a draft parameter: 1.0 ignores it like any unrecognised one (section 8.2), so a
            // draft-style request is missing its identifier, and says so.
            return Invalid(identifier is null && request.TryGetProperty("format", out _)
                ? "format is not a credential request parameter in OpenID4VCI 1.0: send credential_configuration_id or credential_identifier"
                : "send exactly one of credential_identifier and credential_configuration_id");
        }
        if (record.CredentialIdentifiers is { } identifiers)
        {
            if (identifier is null)
            {
                return Invalid("the token response returned credential_identifiers: request by credential_identifier");
            }
            if (!identifiers.TryGetValue(identifier, out configurationId))
            {
                return Outcome<CredentialResponse>.Fail(ErrorCodes.UnknownCredentialIdentifier, "the credential_identifier is not one this access token was issued for");
            }
        }
        else if (identifier is not null)
        {
            return Outcome<CredentialResponse>.Fail(ErrorCodes.UnknownCredentialIdentifier, "this access token carries no credential_identifiers: request by credential_configuration_id");
        }
        var configuration = catalog.Find(configurationId);
        if (configuration is null)
        {
            return Outcome<CredentialResponse>.Fail(ErrorCodes.UnknownCredentialConfiguration, $"credential configuration '{configurationId}' is not supported");
        }
        if (!record.CredentialConfigurationIds.Contains(configurationId!, StringComparer.Ordinal))
        {
            return Outcome<CredentialResponse>.Fail(new ProtocolError(ErrorCodes.InsufficientScope, $"the access token does not cover credential configuration '{configurationId}'", StatusCodes.Status403Forbidden)
            {
                AuthenticateScheme = record.TokenType,
            });
        }

        if (CredentialConfigurationCatalog.RequiresProof(configuration))
        {
            var proofList = ReadProofs(request);
            if (proofList.Failed)
            {
                return proofList.Error;
            }
            var keys = await proofs.ValidateAsync(proofList.Value, record.ClientId, cancellationToken).ConfigureAwait(false);
            if (keys.Failed)
            {
                return keys.Error;
            }
            var claims = record.Claims is not null && record.Claims.TryGetValue(configurationId!, out var c) ? c : default;
            var formatter = _formatters[configuration.Format];
            var issued = new List<IssuedCredential>(keys.Value.Count);
            foreach (var key in keys.Value)
            {
                issued.Add(new IssuedCredential(formatter.Issue(new CredentialIssueContext(configurationId!, configuration, claims.ValueKind == JsonValueKind.Undefined ? EmptyObject : claims, record.SubjectId, key))));
            }
            return Outcome<CredentialResponse>.Success(await CompleteAsync(token, record.OfferId, configurationId!, issued, cancellationToken).ConfigureAwait(false));
        }

        // Prepared by another service: delivered as prepared, without holder binding.
        if (record.OfferId is null)
        {
            return Outcome<CredentialResponse>.Fail(ErrorCodes.CredentialRequestDenied, "this credential is prepared per offer; start from a credential offer");
        }
        var state = PreparedCredentialStore.StateOf(await prepared.FindAsync(record.OfferId, cancellationToken).ConfigureAwait(false), configurationId!);
        switch (state.State)
        {
            case PreparedCredentialState.Released:
                if (await deadlines.FailureOfAsync(record.OfferId, cancellationToken).ConfigureAwait(false) is { } failure)
                {
                    return Outcome<CredentialResponse>.Fail(ErrorCodes.CredentialRequestDenied, failure);
                }
                return Outcome<CredentialResponse>.Success(await CompleteAsync(token, record.OfferId, configurationId!, [new IssuedCredential(state.Credential!)], cancellationToken).ConfigureAwait(false));
            case PreparedCredentialState.Denied:
                await offers.SetStatusAsync(record.OfferId, OfferStatus.Failed, state.Reason, cancellationToken).ConfigureAwait(false);
                return Outcome<CredentialResponse>.Fail(ErrorCodes.CredentialRequestDenied, state.Reason);
            default:
                var deadline = await deadlines.OfOfferAsync(record.OfferId, cancellationToken).ConfigureAwait(false);
                if (deadline is { } passed && deadlines.HasPassed(passed))
                {
                    return Outcome<CredentialResponse>.Fail(ErrorCodes.CredentialRequestDenied, await deadlines.FailOfferAsync(record.OfferId, cancellationToken).ConfigureAwait(false));
                }
                var transactionId = await deferred.CreateAsync(new DeferredTransactionRecord
                {
                    OfferId = record.OfferId,
                    CredentialConfigurationId = configurationId!,
                    ExpiresAt = time.GetUtcNow().AddSeconds(options.Value.DeferredTransactionLifetimeSeconds),
                    PreparationDeadline = deadline,
                }, cancellationToken).ConfigureAwait(false);
                await offers.SetStatusAsync(record.OfferId, OfferStatus.Pending, null, cancellationToken).ConfigureAwait(false);
                return Outcome<CredentialResponse>.Success(new CredentialResponse(null, null, transactionId, options.Value.DeferredIntervalSeconds));
        }
    }

    public async Task<Outcome<CredentialResponse>> ProcessDeferredAsync(ValidatedAccessToken token, JsonElement request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        var transactionId = StringProperty(request, "transaction_id", out var malformed);
        if (transactionId is null || malformed)
        {
            return Invalid("transaction_id is required");
        }
        if (request.TryGetProperty("credential_response_encryption", out _))
        {
            return Outcome<CredentialResponse>.Fail(ErrorCodes.InvalidEncryptionParameters, "this issuer does not offer credential response encryption");
        }
        var transaction = await deferred.FindAsync(transactionId, cancellationToken).ConfigureAwait(false);
        if (transaction is null || transaction.Value.OfferId != token.Record.OfferId)
        {
            return Outcome<CredentialResponse>.Fail(ErrorCodes.InvalidTransactionId, "the transaction_id is unknown, expired or already redeemed");
        }
        var record = transaction.Value;
        var state = PreparedCredentialStore.StateOf(await prepared.FindAsync(record.OfferId, cancellationToken).ConfigureAwait(false), record.CredentialConfigurationId);
        switch (state.State)
        {
            case PreparedCredentialState.Released:
                if (await deadlines.FailureOfAsync(record.OfferId, cancellationToken).ConfigureAwait(false) is { } failure)
                {
                    await deferred.TryCompleteAsync(transactionId, transaction.ETag, cancellationToken).ConfigureAwait(false);
                    return Outcome<CredentialResponse>.Fail(ErrorCodes.CredentialRequestDenied, failure);
                }
                if (!await deferred.TryCompleteAsync(transactionId, transaction.ETag, cancellationToken).ConfigureAwait(false))
                {
                    return Outcome<CredentialResponse>.Fail(ErrorCodes.InvalidTransactionId, "the transaction_id was already redeemed");
                }
                return Outcome<CredentialResponse>.Success(await CompleteAsync(token, record.OfferId, record.CredentialConfigurationId, [new IssuedCredential(state.Credential!)], cancellationToken).ConfigureAwait(false));
            case PreparedCredentialState.Denied:
                await deferred.TryCompleteAsync(transactionId, transaction.ETag, cancellationToken).ConfigureAwait(false);
                await offers.SetStatusAsync(record.OfferId, OfferStatus.Failed, state.Reason, cancellationToken).ConfigureAwait(false);
                return Outcome<CredentialResponse>.Fail(ErrorCodes.CredentialRequestDenied, state.Reason);
            default:
                if (record.PreparationDeadline is { } deadline && deadlines.HasPassed(deadline))
                {
                    await deferred.TryCompleteAsync(transactionId, transaction.ETag, cancellationToken).ConfigureAwait(false);
                    return Outcome<CredentialResponse>.Fail(ErrorCodes.CredentialRequestDenied, await deadlines.FailOfferAsync(record.OfferId, cancellationToken).ConfigureAwait(false));
                }
                return Outcome<CredentialResponse>.Success(new CredentialResponse(null, null, transactionId, options.Value.DeferredIntervalSeconds));
        }
    }

    private async Task<CredentialResponse> CompleteAsync(ValidatedAccessToken token, string? offerId, string configurationId, IReadOnlyList<IssuedCredential> issued, CancellationToken cancellationToken)
    {
        var notificationId = await notifications.CreateAsync(new NotificationRecord
        {
            OfferId = offerId,
            CredentialConfigurationId = configurationId,
            AccessTokenHash = Secrets.Hash(token.Token),
        }, cancellationToken).ConfigureAwait(false);
        if (offerId is not null)
        {
            await offers.SetStatusAsync(offerId, OfferStatus.Issued, null, cancellationToken).ConfigureAwait(false);
        }
        return new CredentialResponse(issued, notificationId, null, null);
    }

    private Outcome<IReadOnlyList<string>> ReadProofs(JsonElement request)
    {
        if (!request.TryGetProperty("proofs", out var proofsElement))
        {
            return request.TryGetProperty("proof", out _)
                ? Outcome<IReadOnlyList<string>>.Fail(ErrorCodes.InvalidProof, "the singular proof parameter is not accepted: send proofs {\"jwt\": [...]} (OpenID4VCI 1.0)")
                : Outcome<IReadOnlyList<string>>.Fail(ErrorCodes.InvalidProof, "proofs is required: this credential is bound to a key the wallet proves possession of");
        }
        if (proofsElement.ValueKind != JsonValueKind.Object || proofsElement.EnumerateObject().Count() != 1)
        {
            return Outcome<IReadOnlyList<string>>.Fail(ErrorCodes.InvalidProof, "proofs must hold exactly one proof type");
        }
        if (!proofsElement.TryGetProperty("jwt", out var jwts))
        {
            return Outcome<IReadOnlyList<string>>.Fail(ErrorCodes.InvalidProof, "the only proof type supported is jwt");
        }
        if (jwts.ValueKind != JsonValueKind.Array || jwts.GetArrayLength() == 0 || jwts.EnumerateArray().Any(j => j.ValueKind != JsonValueKind.String))
        {
            return Outcome<IReadOnlyList<string>>.Fail(ErrorCodes.InvalidProof, "proofs.jwt must be a non-empty array of JWTs");
        }
        if (jwts.GetArrayLength() > options.Value.BatchSize)
        {
            return Outcome<IReadOnlyList<string>>.Fail(ErrorCodes.InvalidProof, $"at most {options.Value.BatchSize} proofs (batch_size) are accepted in one request");
        }
        return Outcome<IReadOnlyList<string>>.Success(jwts.EnumerateArray().Select(j => j.GetString()!).ToArray());
    }

    private static string? StringProperty(JsonElement element, string name, out bool malformed)
    {
        malformed = false;
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(value.GetString()))
        {
            malformed = true;
            return null;
        }
        return value.GetString();
    }

    private static Outcome<CredentialResponse> Invalid(string description) =>
        Outcome<CredentialResponse>.Fail(ErrorCodes.InvalidCredentialRequest, description);

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();
}
