using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Verifier.Dcql;
using GaiaX.Oid4vc.Verifier.Presentations;
using GaiaX.Oid4vc.Verifier.Requests;
using GaiaX.Oid4vc.Verifier.Status;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Verifier.Responses;

/// <summary>What the response endpoint answers the wallet: a status code and a JSON body.</summary>
public sealed record AuthorizationResponseOutcome(int StatusCode, JsonObject Body)
{
    public static AuthorizationResponseOutcome Error(int status, string error, string description) =>
        new(status, new JsonObject { ["error"] = error, ["error_description"] = description });
}

/// <summary>Reason codes for rejections that concern the response as a whole.</summary>
public static class ResponseFailureCodes
{
    public const string StateMismatch = "state_mismatch";
    public const string RequestExpired = "request_expired";
    public const string ResponseTooLarge = "response_too_large";
    public const string DecryptionFailed = "response_decryption_failed";
    public const string EncryptionRequired = "response_encryption_required";
    public const string InvalidVpToken = "invalid_vp_token";
    public const string WalletError = "wallet_error";
    public const string VerificationFailed = "verification_failed";
}

/// <summary>
/// Processes an authorization response sent to <c>/response/{id}</c> (OpenID4VP 1.0 §8.2, §8.3.1,
/// §8.6): the request is taken out of the waiting states with a compare-and-swap first, so a
/// response (and with it <c>state</c> and <c>nonce</c>) is accepted once even under concurrency;
/// then the response is decrypted when the request asked for <c>direct_post.jwt</c>, its
/// <c>state</c> checked, every presentation verified and the DCQL query evaluated. The outcome is
/// recorded on the request and a verified presentation is published.
/// </summary>
public sealed class AuthorizationResponseProcessor(
    IPresentationRequestStore store,
    IEnumerable<IPresentationVerifier> verifiers,
    DcqlQueryParser dcqlParser,
    DcqlEvaluator dcqlEvaluator,
    IPresentationEventPublisher events,
    VerifierTelemetry telemetry,
    ILogger<AuthorizationResponseProcessor> logger,
    IOptions<VerifierOptions> options,
    TimeProvider time)
{
    private readonly Dictionary<string, IPresentationVerifier> _verifiers = verifiers.ToDictionary(v => v.Format, StringComparer.Ordinal);

    /// <summary>Records that a response over the size limit arrived, and answers the wallet.</summary>
    public async Task<AuthorizationResponseOutcome> RejectOversizedAsync(string requestId, long size, CancellationToken cancellationToken)
    {
        var description = $"the response is {size} bytes; at most {options.Value.MaxResponseBytes} bytes are accepted";
        var stored = await store.GetAsync(requestId, cancellationToken).ConfigureAwait(false);
        if (stored is not null && stored.Request.IsAwaitingResponse)
        {
            var rejected = Rejected(stored.Request, new RejectionReason(ResponseFailureCodes.ResponseTooLarge, description));
            if (await store.TryReplaceAsync(rejected, stored.ETag, cancellationToken).ConfigureAwait(false))
            {
                Record(rejected);
            }
        }
        return AuthorizationResponseOutcome.Error(StatusCodes.Status413PayloadTooLarge, "invalid_request", description);
    }

    public async Task<AuthorizationResponseOutcome> ProcessAsync(string requestId, IReadOnlyDictionary<string, string> form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var stored = await store.GetAsync(requestId, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return AuthorizationResponseOutcome.Error(StatusCodes.Status404NotFound, "invalid_request", "unknown response_uri");
        }
        var request = stored.Request;
        if (!request.IsAwaitingResponse)
        {
            return AuthorizationResponseOutcome.Error(StatusCodes.Status400BadRequest, "invalid_request", "this authorization request has been answered already; a response is accepted once");
        }
        if (time.GetUtcNow() >= request.ExpiresAt)
        {
            var expired = new RejectionReason(ResponseFailureCodes.RequestExpired, "the response arrived after the authorization request expired");
            var rejected = Rejected(request, expired);
            if (await store.TryReplaceAsync(rejected, stored.ETag, cancellationToken).ConfigureAwait(false))
            {
                Record(rejected);
            }
            return AuthorizationResponseOutcome.Error(StatusCodes.Status400BadRequest, "invalid_request", expired.Description);
        }

        // Claim the request: from here on no other response is processed for it.
        var processing = request with { Status = PresentationRequestStatus.Processing, RespondedAt = time.GetUtcNow() };
        if (!await store.TryReplaceAsync(processing, stored.ETag, cancellationToken).ConfigureAwait(false))
        {
            return AuthorizationResponseOutcome.Error(StatusCodes.Status400BadRequest, "invalid_request", "this authorization request has been answered already; a response is accepted once");
        }
        // Once claimed, the response is judged to the end even if the wallet hangs up: otherwise the
        // request would stay claimed with no outcome. Outbound calls carry their own time-outs.
        var claimed = await store.GetAsync(requestId, CancellationToken.None).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The request vanished while it was being answered.");
        (AuthorizationResponseOutcome Outcome, PresentationRequest Final, IReadOnlyList<string>? Presentations, IReadOnlyList<PresentedCredential>? Credentials) evaluated;
        try
        {
            evaluated = await EvaluateAsync(processing, form, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Record that the response could not be judged (the failure itself goes to the logs), then fail loudly.
            var failed = Rejected(processing, new RejectionReason(ResponseFailureCodes.VerificationFailed, "the response could not be verified because of an internal error"));
            await store.TryReplaceAsync(failed, claimed.ETag, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        var (outcome, final, presentations, credentials) = evaluated;
        if (!await store.TryReplaceAsync(final, claimed.ETag, CancellationToken.None).ConfigureAwait(false))
        {
            throw new InvalidOperationException("The request changed while its response was being verified.");
        }
        Record(final);
        if (final.Status == PresentationRequestStatus.Verified)
        {
            await events.PublishVerifiedAsync(new PresentationVerifiedNotice(final, presentations!, credentials!), CancellationToken.None).ConfigureAwait(false);
        }
        return outcome;
    }

    private async Task<(AuthorizationResponseOutcome Outcome, PresentationRequest Final, IReadOnlyList<string>? Presentations, IReadOnlyList<PresentedCredential>? Credentials)> EvaluateAsync(
        PresentationRequest request, IReadOnlyDictionary<string, string> form, CancellationToken cancellationToken)
    {
        (AuthorizationResponseOutcome, PresentationRequest, IReadOnlyList<string>?, IReadOnlyList<PresentedCredential>?) Reject(string code, string description, string? queryId = null) =>
            (AuthorizationResponseOutcome.Error(StatusCodes.Status400BadRequest, "invalid_request", description),
             Rejected(request, new RejectionReason(code, description, queryId)), null, null);

        // The parameters of the response: the form itself, or the payload of the encrypted JWT.
        var parameters = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (form.TryGetValue("response", out var jwe))
        {
            if (request.EncryptionKey is null)
            {
                return Reject(ResponseFailureCodes.InvalidVpToken, "this request did not ask for an encrypted response");
            }
            var decrypted = EcdhEsJweDecryptor.Decrypt(jwe, request.EncryptionKey);
            if (decrypted.Plaintext is null)
            {
                return Reject(ResponseFailureCodes.DecryptionFailed, decrypted.Error!);
            }
            try
            {
                using var payload = JsonDocument.Parse(decrypted.Plaintext);
                if (payload.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return Reject(ResponseFailureCodes.DecryptionFailed, "the decrypted response is not a JSON object");
                }
                foreach (var property in payload.RootElement.EnumerateObject())
                {
                    parameters[property.Name] = property.Value.Clone();
                }
            }
            catch (JsonException)
            {
                return Reject(ResponseFailureCodes.DecryptionFailed, "the decrypted response is not JSON");
            }
        }
        else
        {
            foreach (var (name, value) in form)
            {
                parameters[name] = JsonSerializer.SerializeToElement(value);
            }
        }

        var state = parameters.TryGetValue("state", out var stateJson) && stateJson.ValueKind == JsonValueKind.String ? stateJson.GetString() : null;
        if (!FixedTimeEquals(state, request.State))
        {
            return Reject(ResponseFailureCodes.StateMismatch, "the response's state does not belong to this request");
        }

        if (parameters.TryGetValue("error", out var errorJson))
        {
            // An error response may come unencrypted even in direct_post.jwt (§8.3.1).
            var error = errorJson.ValueKind == JsonValueKind.String ? errorJson.GetString() : "invalid_request";
            var description = parameters.TryGetValue("error_description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            var reason = new RejectionReason(ResponseFailureCodes.WalletError, description is null ? $"the wallet answered {error}" : $"the wallet answered {error}: {description}");
            return (new AuthorizationResponseOutcome(StatusCodes.Status200OK, []), Rejected(request, reason), null, null);
        }

        if (request.ResponseMode == ResponseModes.DirectPostJwt && !form.ContainsKey("response"))
        {
            return Reject(ResponseFailureCodes.EncryptionRequired, "this request asked for direct_post.jwt: the vp_token must be sent encrypted in 'response'");
        }

        if (!parameters.TryGetValue("vp_token", out var vpTokenJson))
        {
            return Reject(ResponseFailureCodes.InvalidVpToken, "the response has neither vp_token nor error");
        }
        var vpToken = ReadVpToken(vpTokenJson);
        if (vpToken.Error is not null)
        {
            return Reject(ResponseFailureCodes.InvalidVpToken, vpToken.Error);
        }
        var presentationCount = vpToken.Token!.Sum(e => e.Value.Count);
        if (presentationCount > options.Value.MaxPresentations)
        {
            return Reject(ResponseFailureCodes.InvalidVpToken, $"the vp_token holds {presentationCount} presentations; at most {options.Value.MaxPresentations} are accepted");
        }

        var query = dcqlParser.Parse(request.DcqlQuery).Query ?? throw new InvalidOperationException("A stored DCQL query no longer parses.");
        var presented = new Dictionary<string, IReadOnlyList<PresentedCredential>>(StringComparer.Ordinal);
        var allCredentials = new List<PresentedCredential>();
        foreach (var (queryId, presentations) in vpToken.Token!)
        {
            var credentialQuery = query.Find(queryId);
            if (credentialQuery is null)
            {
                return Reject(ResponseFailureCodes.InvalidVpToken, $"vp_token holds '{queryId}', which is not a credential query id of the request", queryId);
            }
            var verifier = _verifiers[credentialQuery.Format];
            var expectations = new PresentationExpectations(request.ClientId, request.Nonce)
            {
                RequireHolderBinding = credentialQuery.RequireCryptographicHolderBinding,
                TransactionDataHashes = TransactionDataHashes(request, queryId),
            };
            var credentials = new List<PresentedCredential>();
            foreach (var presentation in presentations)
            {
                var result = await verifier.VerifyAsync(presentation, expectations, cancellationToken).ConfigureAwait(false);
                if (result.Presentation is null)
                {
                    return Reject(result.FailureCode!, result.Failure!, queryId);
                }
                credentials.Add(BestMatch(credentialQuery, result.Presentation.Credentials));
                allCredentials.AddRange(result.Presentation.Credentials);
            }
            presented[queryId] = credentials;
        }

        var evaluation = dcqlEvaluator.Evaluate(query, presented);
        if (!evaluation.IsSatisfied || evaluation.Violations.Count > 0)
        {
            var reasons = evaluation.Violations.Select(v => new RejectionReason(v.Code, v.Message, v.CredentialQueryId)).ToList();
            var first = reasons.FirstOrDefault() ?? new RejectionReason(DcqlViolationCodes.CredentialSetUnsatisfied, "the presentations do not satisfy the DCQL query");
            return (AuthorizationResponseOutcome.Error(StatusCodes.Status400BadRequest, "invalid_request", first.Description),
                    request with { Status = PresentationRequestStatus.Rejected, Reasons = reasons.Count > 0 ? reasons : [first] }, null, null);
        }

        var verified = evaluation.Accepted.ToDictionary(
            e => e.Key,
            e => (IReadOnlyList<VerifiedCredentialView>)e.Value.Select(c => new VerifiedCredentialView
            {
                Format = c.Format,
                Issuer = c.Issuer,
                Vct = c.Vct,
                Types = c.Types.Count > 0 ? c.Types : null,
                Claims = c.Claims,
            }).ToList(),
            StringComparer.Ordinal);
        var final = request with { Status = PresentationRequestStatus.Verified, VerifiedCredentials = verified };

        var body = new JsonObject();
        if (request.RedirectUri is { } redirectUri)
        {
            // Same device: only the party that receives the redirect learns the code that unlocks the result.
            var code = RequestObjectGenerator.Random(32);
            final = final with { ResponseCodeHash = PresentationRequestService.HashCode(code) };
            body["redirect_uri"] = $"{redirectUri}#response_code={code}";
        }
        var wire = vpToken.Token!.Values.SelectMany(p => p).Select(p => p.ValueKind == JsonValueKind.String ? p.GetString()! : p.GetRawText()).ToList();
        return (new AuthorizationResponseOutcome(StatusCodes.Status200OK, body), final, wire, allCredentials);
    }

    /// <summary>For a VP with several credentials, the one that satisfies the credential query (else the first, to report why not).</summary>
    private PresentedCredential BestMatch(CredentialQuery query, IReadOnlyList<PresentedCredential> credentials)
    {
        foreach (var credential in credentials)
        {
            var probe = dcqlEvaluator.Evaluate(new DcqlQuery { Credentials = [query] }, new Dictionary<string, IReadOnlyList<PresentedCredential>> { [query.Id] = [credential] });
            if (probe.IsSatisfied && probe.Violations.Count == 0)
            {
                return credential;
            }
        }
        return credentials[0];
    }

    private static List<string>? TransactionDataHashes(PresentationRequest request, string queryId)
    {
        if (request.TransactionData is null)
        {
            return null;
        }
        var hashes = new List<string>();
        foreach (var item in request.TransactionData)
        {
            using var document = JsonDocument.Parse(Base64Url.DecodeFromChars(item));
            if (document.RootElement.GetProperty("credential_ids").EnumerateArray().Any(id => id.GetString() == queryId))
            {
                // The hash is over the string as sent in the request, without decoding it (§B.3.3.1).
                hashes.Add(Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(item))));
            }
        }
        return hashes;
    }

    private static (Dictionary<string, List<JsonElement>>? Token, string? Error) ReadVpToken(JsonElement json)
    {
        // In direct_post the vp_token is a JSON-encoded string; inside an encrypted response it is the object itself.
        if (json.ValueKind == JsonValueKind.String)
        {
            try
            {
                using var document = JsonDocument.Parse(json.GetString()!);
                return ReadVpToken(document.RootElement.Clone());
            }
            catch (JsonException)
            {
                return (null, "vp_token is not a JSON object");
            }
        }
        if (json.ValueKind != JsonValueKind.Object)
        {
            return (null, "vp_token must be a JSON object keyed by credential query id");
        }
        var token = new Dictionary<string, List<JsonElement>>(StringComparer.Ordinal);
        foreach (var entry in json.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.Array || entry.Value.GetArrayLength() == 0)
            {
                return (null, $"vp_token.{entry.Name} must be a non-empty array of presentations");
            }
            token[entry.Name] = entry.Value.EnumerateArray().Select(p => p.Clone()).ToList();
        }
        if (token.Count == 0)
        {
            return (null, "vp_token holds no presentation");
        }
        return (token, null);
    }

    private void Record(PresentationRequest request)
    {
        var reason = request.Reasons?.FirstOrDefault();
        telemetry.ResponseJudged(request.Status, reason?.Code);
        if (reason is null)
        {
            VerifierLog.Verified(logger, request.Id);
        }
        else
        {
            VerifierLog.Rejected(logger, request.Id, reason.Code, reason.Description);
        }
    }

    private static PresentationRequest Rejected(PresentationRequest request, RejectionReason reason) =>
        request with { Status = PresentationRequestStatus.Rejected, Reasons = [reason], RespondedAt = request.RespondedAt };

    private static bool FixedTimeEquals(string? a, string b) =>
        a is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
