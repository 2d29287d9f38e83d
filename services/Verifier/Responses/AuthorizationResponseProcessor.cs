using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.ServiceDefaults;
using GaiaX.Oid4vc.Verifier.Dcql;
using GaiaX.Oid4vc.Verifier.Presentations;
using GaiaX.Oid4vc.Verifier.Requests;
using GaiaX.Oid4vc.Verifier.Status;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Verifier.Responses;

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

    /// <summary>
    /// Answers a response over the size limit. The request is left as it is: an unread body proves no
    /// knowledge of the request (no state), so whoever knows only the response URI must not be able
    /// to end the request for the real wallet with one large post.
    /// </summary>
    public AuthorizationResponseOutcome RejectOversized(long size) =>
        AuthorizationResponseOutcome.Error(StatusCodes.Status413PayloadTooLarge, "invalid_request",
            $"the response is {size} bytes; at most {options.Value.MaxResponseBytes} bytes are accepted");

    public async Task<AuthorizationResponseOutcome> ProcessAsync(string requestId, IReadOnlyDictionary<string, string> form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var stored = await store.GetAsync(requestId, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return AuthorizationResponseOutcome.Error(StatusCodes.Status404NotFound, "invalid_request", "unknown response_uri");
        }
        var request = stored.Request;
        var now = time.GetUtcNow();
        if (!request.IsAwaitingResponseAt(now))
        {
            return AnsweredAlready();
        }
        if (now >= request.ExpiresAt)
        {
            var expired = new RejectionReason(ResponseFailureCodes.RequestExpired, "the response arrived after the authorization request expired");
            var rejected = Rejected(request, expired);
            if (await store.TryReplaceAsync(rejected, stored.ETag, cancellationToken).ConfigureAwait(false))
            {
                Record(rejected);
            }
            return AuthorizationResponseOutcome.Error(StatusCodes.Status400BadRequest, "invalid_request", expired.Description);
        }

        // Check before claiming: whoever knows only the response URI (no state, or a response that
        // does not decrypt with this request's key) is turned away without touching the request, so
        // the real wallet can still answer it.
        var (parameters, refusal) = ReadParameters(request, form);
        if (refusal is not null)
        {
            return AuthorizationResponseOutcome.Error(StatusCodes.Status400BadRequest, "invalid_request", refusal);
        }
        var state = parameters!.TryGetValue("state", out var stateJson) && stateJson.ValueKind == JsonValueKind.String ? stateJson.GetString() : null;
        if (!FixedTimeEquals(state, request.State))
        {
            return AuthorizationResponseOutcome.Error(StatusCodes.Status400BadRequest, "invalid_request", "the response's state does not belong to this request");
        }

        // Claim the request: until the claim's deadline no other response is processed for it. If the
        // outcome cannot be written (a state-store outage), the claim lapses at the deadline and the
        // request can be answered again, or expires, instead of staying claimed forever.
        var processing = request with
        {
            Status = PresentationRequestStatus.Processing,
            RespondedAt = now,
            ProcessingDeadline = now.AddSeconds(options.Value.ResponseProcessingTimeoutSeconds),
        };
        if (!await store.TryReplaceAsync(processing, stored.ETag, cancellationToken).ConfigureAwait(false))
        {
            return AnsweredAlready();
        }
        // Once claimed, the response is judged to the end even if the wallet hangs up: otherwise the
        // request would stay claimed with no outcome until the deadline. Verification has its own deadline.
        var claimed = await store.GetAsync(requestId, CancellationToken.None).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The request vanished while it was being answered.");
        if (claimed.Request.ProcessingDeadline != processing.ProcessingDeadline || claimed.Request.Status != PresentationRequestStatus.Processing)
        {
            return AnsweredAlready();
        }
        (AuthorizationResponseOutcome Outcome, PresentationRequest Final, IReadOnlyList<string>? Presentations, IReadOnlyList<PresentedCredential>? Credentials) evaluated;
        try
        {
            evaluated = await EvaluateAsync(processing, form, parameters, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Record that the response could not be judged (the failure itself goes to the logs), then fail loudly.
            var failed = Rejected(processing, new RejectionReason(ResponseFailureCodes.VerificationFailed, "the response could not be verified because of an internal error"));
            await store.TryReplaceAsync(failed, claimed.ETag, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        var (outcome, final, presentations, credentials) = evaluated;
        final = final with { ProcessingDeadline = null };
        if (!await store.TryReplaceAsync(final, claimed.ETag, CancellationToken.None).ConfigureAwait(false))
        {
            // The claim lapsed while this response was judged and another response took the request over.
            return AnsweredAlready();
        }
        Record(final);
        if (final.Status == PresentationRequestStatus.Verified)
        {
            await events.PublishVerifiedAsync(new PresentationVerifiedNotice(final, presentations!, credentials!), CancellationToken.None).ConfigureAwait(false);
        }
        return outcome;
    }

    private static AuthorizationResponseOutcome AnsweredAlready() =>
        AuthorizationResponseOutcome.Error(StatusCodes.Status400BadRequest, "invalid_request", "this authorization request has been answered already; a response is accepted once");

    /// <summary>
    /// The parameters of the response: the form itself, or the payload of the encrypted JWT. A
    /// response that cannot be read is refused (the sentence says why) without judging the request.
    /// </summary>
    private static (Dictionary<string, JsonElement>? Parameters, string? Refusal) ReadParameters(PresentationRequest request, IReadOnlyDictionary<string, string> form)
    {
        var parameters = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (form.TryGetValue("response", out var jwe))
        {
            if (request.EncryptionKey is null)
            {
                return (null, "this request did not ask for an encrypted response");
            }
            var decrypted = EcdhEsJweDecryptor.Decrypt(jwe, request.EncryptionKey);
            if (decrypted.Plaintext is null)
            {
                return (null, decrypted.Error!);
            }
            // Anyone can encrypt to the request's key: the payload is client JSON like any other, and a
            // string that is not Unicode text (the state included) is refused before anything reads it.
            var (document, problem) = JsonRequestBody.Parse(decrypted.Plaintext);
            if (document is null)
            {
                return (null, "the decrypted response cannot be read: " + problem);
            }
            using var payload = document;
            if (payload.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, "the decrypted response is not a JSON object");
            }
            foreach (var property in payload.RootElement.EnumerateObject())
            {
                parameters[property.Name] = property.Value.Clone();
            }
        }
        else
        {
            foreach (var (name, value) in form)
            {
                parameters[name] = JsonSerializer.SerializeToElement(value);
            }
        }
        return (parameters, null);
    }

    private async Task<(AuthorizationResponseOutcome Outcome, PresentationRequest Final, IReadOnlyList<string>? Presentations, IReadOnlyList<PresentedCredential>? Credentials)> EvaluateAsync(
        PresentationRequest request, IReadOnlyDictionary<string, string> form, Dictionary<string, JsonElement> parameters, CancellationToken cancellationToken)
    {
        (AuthorizationResponseOutcome, PresentationRequest, IReadOnlyList<string>?, IReadOnlyList<PresentedCredential>?) Reject(string code, string description, string? queryId = null) =>
            (AuthorizationResponseOutcome.Error(StatusCodes.Status400BadRequest, "invalid_request", description),
             Rejected(request, new RejectionReason(code, description, queryId)), null, null);

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
        var jobs = new List<(string QueryId, CredentialQuery Query, IPresentationVerifier Verifier, PresentationExpectations Expectations, JsonElement Presentation)>();
        foreach (var (queryId, presentations) in vpToken.Token!)
        {
            var credentialQuery = query.Find(queryId);
            if (credentialQuery is null)
            {
                return Reject(ResponseFailureCodes.InvalidVpToken, $"vp_token holds '{queryId}', which is not a credential query id of the request", queryId);
            }
            var expectations = new PresentationExpectations(request.ClientId, request.Nonce)
            {
                RequireHolderBinding = credentialQuery.RequireCryptographicHolderBinding,
                TransactionDataHashes = TransactionDataHashes(request, queryId),
            };
            jobs.AddRange(presentations.Select(p => (queryId, credentialQuery, _verifiers[credentialQuery.Format], expectations, p)));
        }

        // Every presentation at once, under one deadline for the whole response: issuers' DID documents
        // are fetched concurrently, and a host that never answers ends in a refusal, not in a hang.
        var timeout = TimeSpan.FromSeconds(options.Value.VerificationTimeoutSeconds);
        using var timer = new CancellationTokenSource(timeout, time);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        PresentationVerificationResult[] results;
        try
        {
            results = await Task.WhenAll(jobs.Select(j => j.Verifier.VerifyAsync(j.Presentation, j.Expectations, deadline.Token))).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return Reject(ResponseFailureCodes.VerificationFailed, TimedOut(timeout));
        }
        var presented = new Dictionary<string, List<PresentedCredential>>(StringComparer.Ordinal);
        var allCredentials = new List<PresentedCredential>();
        for (var i = 0; i < jobs.Count; i++)
        {
            var (queryId, credentialQuery, _, _, _) = jobs[i];
            var result = results[i];
            if (result.Presentation is null)
            {
                // A refusal caused by the deadline (a resolver that gave up when it fired) is reported as the deadline.
                return deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested
                    ? Reject(ResponseFailureCodes.VerificationFailed, TimedOut(timeout), queryId)
                    : Reject(result.FailureCode!, result.Failure!, queryId);
            }
            if (!presented.TryGetValue(queryId, out var credentials))
            {
                presented[queryId] = credentials = [];
            }
            credentials.Add(BestMatch(credentialQuery, result.Presentation.Credentials));
            allCredentials.AddRange(result.Presentation.Credentials);
        }

        var evaluation = dcqlEvaluator.Evaluate(query, presented.ToDictionary(e => e.Key, e => (IReadOnlyList<PresentedCredential>)e.Value, StringComparer.Ordinal));
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
            // The same reader as for request bodies: member names that are not Unicode text are refused
            // here rather than thrown when the token is walked.
            var (document, problem) = JsonRequestBody.Parse(json.GetString()!);
            if (document is null)
            {
                return (null, "vp_token cannot be read: " + problem);
            }
            using (document)
            {
                return ReadVpToken(document.RootElement.Clone());
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

    private static string TimedOut(TimeSpan timeout) =>
        $"the presentations could not be verified within {timeout.TotalSeconds:0.#} s: a DID document or key of an issuer or holder did not arrive in time";

    private static PresentationRequest Rejected(PresentationRequest request, RejectionReason reason) =>
        request with { Status = PresentationRequestStatus.Rejected, Reasons = [reason], RespondedAt = request.RespondedAt };

    private static bool FixedTimeEquals(string? a, string b) =>
        a is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
