using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GaiaX.Oid4vc.Credentials.Protocol;
using GaiaX.Oid4vc.Credentials.Status;
using GaiaX.Oid4vc.ServiceDefaults;
using GaiaX.Oid4vc.Verifier.Dcql;
using GaiaX.Oid4vc.Verifier.Presentations;
using GaiaX.Oid4vc.Verifier.Requests;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Verifier.Responses;

/// <summary>
/// Judges an authorization response sent to <c>/response/{id}</c> (OpenID4VP 1.0 §8.2, §8.3.1, §8.6)
/// against its request, on plain inputs (the form parameters and the stored request): decrypts it
/// when the request asked for <c>direct_post.jwt</c>, checks its <c>state</c>, verifies every
/// presentation and evaluates the DCQL query. It neither reads nor writes the request's state:
/// <see cref="AuthorizationResponseRecorder"/> does that around it.
/// </summary>
public sealed class AuthorizationResponseValidator(
    IEnumerable<IPresentationVerifier> verifiers,
    DcqlQueryParser dcqlParser,
    DcqlEvaluator dcqlEvaluator,
    StatusListClient statusLists,
    IOptions<VerifierOptions> options,
    TimeProvider time
)
{
    private const int PayloadTooLarge = 413;

    private readonly Dictionary<string, IPresentationVerifier> _verifiers = verifiers.ToDictionary(v => v.Format, StringComparer.Ordinal);

    /// <summary>
    /// The answer to a response over the size limit. The request is left as it is: an unread body proves
    /// no knowledge of the request (no state), so whoever knows only the response URI must not be able
    /// to end the request for the real wallet with one large post.
    /// </summary>
    public ProtocolError Oversized(long size) =>
        new(
            ErrorCodes.InvalidRequest,
            $"the response is {size} bytes; at most {options.Value.MaxResponseBytes} bytes are accepted",
            PayloadTooLarge
        );

    /// <summary>
    /// The parameters of the response, when it belongs to <paramref name="request"/>: the form itself,
    /// or the payload of the encrypted JWT, with the request's <c>state</c>. Checked before the request
    /// is claimed: whoever knows only the response URI (no state, or a response that does not decrypt
    /// with this request's key) is turned away without touching the request, so the real wallet can
    /// still answer it.
    /// </summary>
    public static Outcome<AuthorizationResponseParameters> ReadParameters(
        PresentationRequest request,
        IReadOnlyDictionary<string, string> form
    )
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(form);
        var parameters = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var encrypted = form.TryGetValue("response", out var jwe);
        if (encrypted)
        {
            if (request.EncryptionKey is null)
            {
                return ProtocolError.InvalidRequest("this request did not ask for an encrypted response");
            }
            var decrypted = EcdhEsJweDecryptor.Decrypt(jwe!, request.EncryptionKey);
            if (decrypted.Plaintext is null)
            {
                return ProtocolError.InvalidRequest(decrypted.Error!);
            }
            // Anyone can encrypt to the request's key: the payload is client JSON like any other, and a
            // string that is not Unicode text (the state included) is refused before anything reads it.
            var (document, problem) = JsonRequestBody.Parse(decrypted.Plaintext);
            if (document is null)
            {
                return ProtocolError.InvalidRequest("the decrypted response cannot be read: " + problem);
            }
            using var payload = document;
            if (payload.RootElement.ValueKind != JsonValueKind.Object)
            {
                return ProtocolError.InvalidRequest("the decrypted response is not a JSON object");
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
        var state =
            parameters.TryGetValue("state", out var stateJson) && stateJson.ValueKind == JsonValueKind.String
                ? stateJson.GetString()
                : null;
        if (!FixedTimeEquals(state, request.State))
        {
            return ProtocolError.InvalidRequest("the response's state does not belong to this request");
        }
        return Outcome<AuthorizationResponseParameters>.Success(new AuthorizationResponseParameters(parameters, encrypted));
    }

    /// <summary>
    /// Verifies the presentations of <paramref name="parameters"/> for <paramref name="request"/> and
    /// evaluates its DCQL query: every presentation at once, under one deadline for the whole response.
    /// </summary>
    public async Task<AuthorizationResponseVerdict> ValidateAsync(
        PresentationRequest request,
        AuthorizationResponseParameters parameters,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(parameters);
        var values = parameters.Values;
        if (values.TryGetValue("error", out var errorJson))
        {
            // An error response may come unencrypted even in direct_post.jwt (§8.3.1).
            var error = errorJson.ValueKind == JsonValueKind.String ? errorJson.GetString() : ErrorCodes.InvalidRequest;
            var description =
                values.TryGetValue("error_description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            var said = description is null ? $"the wallet answered {error}" : $"the wallet answered {error}: {description}";
            return AuthorizationResponseVerdict.Reject([new RejectionReason(ResponseFailureCodes.WalletError, said)], error: null);
        }

        if (request.ResponseMode == ResponseModes.DirectPostJwt && !parameters.Encrypted)
        {
            return Reject(
                ResponseFailureCodes.EncryptionRequired,
                "this request asked for direct_post.jwt: the vp_token must be sent encrypted in 'response'"
            );
        }

        if (!values.TryGetValue("vp_token", out var vpTokenJson))
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
            return Reject(
                ResponseFailureCodes.InvalidVpToken,
                $"the vp_token holds {presentationCount} presentations; at most {options.Value.MaxPresentations} are accepted"
            );
        }

        var query = dcqlParser.Parse(request.DcqlQuery).Query
            ?? throw new InvalidOperationException("A stored DCQL query no longer parses.");
        var jobs =
            new List<(
                string QueryId,
                CredentialQuery Query,
                IPresentationVerifier Verifier,
                PresentationExpectations Expectations,
                JsonElement Presentation
            )>();
        foreach (var (queryId, presentations) in vpToken.Token!)
        {
            var credentialQuery = query.Find(queryId);
            if (credentialQuery is null)
            {
                return Reject(
                    ResponseFailureCodes.InvalidVpToken,
                    $"vp_token holds '{queryId}', which is not a credential query id of the request",
                    queryId
                );
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
            results = await Task.WhenAll(jobs.Select(j => j.Verifier.VerifyAsync(j.Presentation, j.Expectations, deadline.Token)))
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return Reject(ResponseFailureCodes.VerificationFailed, TimedOut(timeout));
        }
        var presented = new Dictionary<string, List<PresentedCredential>>(StringComparer.Ordinal);
        var allCredentials = new List<PresentedCredential>();
        var statusChecks = new List<(string QueryId, PresentedCredential Credential)>();
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
            statusChecks.AddRange(result.Presentation.Credentials.Select(c => (queryId, c)));
        }
        if (await CheckStatusesAsync(statusChecks, deadline, timeout, cancellationToken).ConfigureAwait(false) is { } statusRefusal)
        {
            return statusRefusal;
        }

        var evaluation = dcqlEvaluator.Evaluate(
            query,
            presented.ToDictionary(e => e.Key, e => (IReadOnlyList<PresentedCredential>)e.Value, StringComparer.Ordinal)
        );
        if (!evaluation.IsSatisfied || evaluation.Violations.Count > 0)
        {
            var reasons = evaluation.Violations.Select(v => new RejectionReason(v.Code, v.Message, v.CredentialQueryId)).ToList();
            var first = reasons.FirstOrDefault()
                ?? new RejectionReason(DcqlViolationCodes.CredentialSetUnsatisfied, "the presentations do not satisfy the DCQL query");
            return AuthorizationResponseVerdict.Reject(
                reasons.Count > 0 ? reasons : [first],
                ProtocolError.InvalidRequest(first.Description)
            );
        }

        var verified = evaluation.Accepted.ToDictionary(
            e => e.Key,
            e =>
                (IReadOnlyList<VerifiedCredentialView>)
                    e
                        .Value.Select(c => new VerifiedCredentialView
                        {
                            Format = c.Format,
                            Issuer = c.Issuer,
                            Vct = c.Vct,
                            Types = c.Types.Count > 0 ? c.Types : null,
                            Claims = c.Claims,
                        })
                        .ToList(),
            StringComparer.Ordinal
        );
        var wire = vpToken
            .Token!.Values.SelectMany(p => p)
            .Select(p => p.ValueKind == JsonValueKind.String ? p.GetString()! : p.GetRawText())
            .ToList();
        return AuthorizationResponseVerdict.Accept(new VerifiedPresentations(verified, wire, allCredentials));
    }

    /// <summary>
    /// The status of every presented credential that names one (Bitstring Status List, Token Status List), all at
    /// once under the response's deadline: a revoked or suspended credential is refused with its own code; one whose
    /// list cannot be had is refused as "status unknown" unless <c>StatusLists:AcceptUnknownStatus</c>.
    /// </summary>
    private async Task<AuthorizationResponseVerdict?> CheckStatusesAsync(
        List<(string QueryId, PresentedCredential Credential)> checks,
        CancellationTokenSource deadline,
        TimeSpan timeout,
        CancellationToken cancellationToken
    )
    {
        var referenced = checks
            .Select(c => (c.QueryId, c.Credential, References: StatusListCredentials.References(c.Credential.Claims)))
            .Where(c => c.References.Count > 0)
            .ToList();
        if (referenced.Count == 0)
        {
            return null;
        }
        CredentialStatusResult[] statuses;
        try
        {
            statuses = await Task.WhenAll(
                    referenced.Select(c => statusLists.CheckAsync(c.Credential.Issuer ?? "", c.References, deadline.Token))
                )
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return Reject(ResponseFailureCodes.VerificationFailed, TimedOut(timeout));
        }
        for (var i = 0; i < referenced.Count; i++)
        {
            var (queryId, credential, _) = referenced[i];
            var status = statuses[i];
            var code = status.State switch
            {
                CredentialStatusState.Revoked => PresentationFailureCodes.CredentialRevoked,
                CredentialStatusState.Suspended => PresentationFailureCodes.CredentialSuspended,
                CredentialStatusState.Unknown when !statusLists.Options.AcceptUnknownStatus =>
                    PresentationFailureCodes.CredentialStatusUnknown,
                _ => null,
            };
            if (code is not null)
            {
                return Reject(code, $"the credential of '{credential.Issuer}' is {status.Reason}", queryId);
            }
        }
        return null;
    }

    private static AuthorizationResponseVerdict Reject(string code, string description, string? queryId = null) =>
        AuthorizationResponseVerdict.Reject(new RejectionReason(code, description, queryId));

    /// <summary>
    /// For a VP with several credentials, the one that satisfies the credential query (else the first,
    /// to report why not).
    /// </summary>
    private PresentedCredential BestMatch(CredentialQuery query, IReadOnlyList<PresentedCredential> credentials)
    {
        foreach (var credential in credentials)
        {
            var probe = dcqlEvaluator.Evaluate(
                new DcqlQuery { Credentials = [query] },
                new Dictionary<string, IReadOnlyList<PresentedCredential>> { [query.Id] = [credential] }
            );
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

    private static string TimedOut(TimeSpan timeout) =>
        $"the presentations could not be verified within {timeout.TotalSeconds:0.#} s: a DID document or key of an issuer or holder "
        + $"did not arrive in time";

    private static bool FixedTimeEquals(string? a, string b) =>
        a is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
