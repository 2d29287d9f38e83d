using System.Text.Json;
using GaiaX.Oid4vc.Credentials.Protocol;
using GaiaX.Oid4vc.Dapr.StatusLists;
using GaiaX.Oid4vc.Issuer.Deferred;
using GaiaX.Oid4vc.Issuer.Offers;
using GaiaX.Oid4vc.Issuer.Status;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Issuer.Credentials;

/// <summary>
/// The credential response of OpenID4VCI 1.0 section 8.3 for a validated request: a holder-bound
/// credential is signed here, one per proved key; a prepared credential is delivered when another
/// service released it, refused when it was denied or its preparation deadline passed, and deferred
/// (a <c>transaction_id</c>, 202) while it is still being prepared.
/// </summary>
public sealed class CredentialResponseGenerator(
    IEnumerable<ICredentialFormatter> formatters,
    IOfferStore offers,
    IPreparedCredentialStore prepared,
    IDeferredTransactionStore deferred,
    PreparationDeadline deadlines,
    IssuedCredentialRecorder recorder,
    StatusListStore statusLists,
    IssuedCredentialRegistry registry,
    IOptions<IssuerOptions> options,
    TimeProvider time
)
{
    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    private readonly Dictionary<string, ICredentialFormatter> _formatters = formatters.ToDictionary(f => f.Format, StringComparer.Ordinal);

    public async Task<Outcome<CredentialResponse>> GenerateAsync(ValidatedCredentialRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (token, configurationId) = (request.Token, request.ConfigurationId);
        var record = token.Record;
        if (request.HolderKeys is { } keys)
        {
            var claims = record.Claims is not null && record.Claims.TryGetValue(configurationId, out var c) ? c : default;
            var formatter = _formatters[request.Configuration.Format];
            var issued = new List<IssuedCredential>(keys.Count);
            var records = new List<IssuedCredentialRecord>(keys.Count);
            foreach (var key in keys)
            {
                var subjectClaims = claims.ValueKind == JsonValueKind.Undefined ? EmptyObject : claims;
                var status = options.Value.CredentialStatus
                    ? await statusLists.AllocateAsync(cancellationToken).ConfigureAwait(false)
                    : null;
                var context = new CredentialIssueContext(configurationId, request.Configuration, subjectClaims, record.SubjectId, key)
                {
                    Status = status,
                };
                var credential = formatter.Issue(context);
                if (status is not null)
                {
                    records.Add(
                        new IssuedCredentialRecord
                        {
                            Id = context.CredentialId,
                            OfferId = record.OfferId,
                            SubjectId = record.SubjectId ?? key.Did,
                            ConfigurationId = configurationId,
                            Format = request.Configuration.Format,
                            List = status.List,
                            Index = status.Index,
                            IssuedAt = time.GetUtcNow(),
                        }
                    );
                }
                issued.Add(new IssuedCredential(credential));
            }
            if (records.Count > 0)
            {
                // Recorded before they are handed out: every credential a wallet holds can be revoked.
                await registry.RegisterAsync(records, cancellationToken).ConfigureAwait(false);
            }
            return await DeliverAsync(request, record.OfferId, issued, cancellationToken).ConfigureAwait(false);
        }

        // Prepared by another service (the validator made sure there is an offer).
        var offerId = record.OfferId!;
        var preparedCredentials = await prepared.FindAsync(offerId, cancellationToken).ConfigureAwait(false);
        var state = PreparedCredentialStore.StateOf(preparedCredentials, configurationId);
        switch (state.State)
        {
            case PreparedCredentialState.Released:
                if (await deadlines.FailureOfAsync(offerId, cancellationToken).ConfigureAwait(false) is { } failure)
                {
                    return Outcome<CredentialResponse>.Fail(ErrorCodes.CredentialRequestDenied, failure);
                }
                return await DeliverAsync(request, offerId, [new IssuedCredential(state.Credential!)], cancellationToken)
                    .ConfigureAwait(false);
            case PreparedCredentialState.Denied:
                await offers.SetStatusAsync(offerId, OfferStatus.Failed, state.Reason, cancellationToken).ConfigureAwait(false);
                return Outcome<CredentialResponse>.Fail(ErrorCodes.CredentialRequestDenied, state.Reason);
            default:
                var deadline = await deadlines.OfOfferAsync(offerId, cancellationToken).ConfigureAwait(false);
                if (deadline is { } passed && deadlines.HasPassed(passed))
                {
                    var reason = await deadlines.FailOfferAsync(offerId, cancellationToken).ConfigureAwait(false);
                    return Outcome<CredentialResponse>.Fail(ErrorCodes.CredentialRequestDenied, reason);
                }
                var transactionId = await deferred
                    .CreateAsync(
                        new DeferredTransactionRecord
                        {
                            OfferId = offerId,
                            CredentialConfigurationId = configurationId,
                            ExpiresAt = time.GetUtcNow().AddSeconds(options.Value.DeferredTransactionLifetimeSeconds),
                            PreparationDeadline = deadline,
                            DeferredAt = time.GetUtcNow(),
                        },
                        cancellationToken
                    )
                    .ConfigureAwait(false);
                await offers.SetStatusAsync(offerId, OfferStatus.Pending, null, cancellationToken).ConfigureAwait(false);
                return Outcome<CredentialResponse>.Success(
                    new CredentialResponse(null, null, transactionId, options.Value.DeferredIntervalSeconds)
                );
        }
    }

    private async Task<Outcome<CredentialResponse>> DeliverAsync(
        ValidatedCredentialRequest request,
        string? offerId,
        IReadOnlyList<IssuedCredential> issued,
        CancellationToken cancellationToken
    )
    {
        var notificationId = await recorder
            .RecordAsync(request.Token, offerId, request.ConfigurationId, cancellationToken)
            .ConfigureAwait(false);
        return Outcome<CredentialResponse>.Success(new CredentialResponse(issued, notificationId, null, null));
    }
}
