using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials;
using GaiaX.Oid4vc.Credentials.Protocol;
using GaiaX.Oid4vc.Credentials.SdJwt;
using GaiaX.Oid4vc.Credentials.VcJwt;
using GaiaX.Oid4vc.Wallet.Issuance;

namespace GaiaX.Oid4vc.Wallet.Presentation;

/// <summary>
/// The wallet's OpenID4VP 1.0 side: follow an <c>openid4vp://</c> link, fetch the request object
/// (GET, or POST with a fresh <c>wallet_nonce</c>), verify it against the client_id, evaluate the DCQL
/// query over the held credentials, build the <c>vp_token</c> keyed by credential query id (a VP-JWT
/// per <c>jwt_vc_json</c> query, SD-JWT + KB-JWT per <c>dc+sd-jwt</c> query, both bound to the full
/// client_id and the request nonce) and post it with <c>direct_post</c> or <c>direct_post.jwt</c>.
/// The <see cref="HttpClient"/> should come from <c>GuardedHttpClient.Create</c>: every URL here is chosen by the verifier.
/// </summary>
public sealed class Oid4vpResponder(
    HttpClient http,
    RequestObjectVerifier requests,
    VpJwtIssuer presentations,
    HolderKey holderKey,
    string holder,
    TimeProvider time
)
{
    /// <summary>What the verifier is told when the user declines a request.</summary>
    public const string DeclinedDescription = "The user declined to share the requested credentials.";

    /// <summary>Fetches and verifies the request behind <paramref name="link"/>.</summary>
    public async Task<VerifiedPresentationRequest> FetchRequestAsync(string link, CancellationToken cancellationToken = default)
    {
        var reference = PresentationRequestReference.Parse(link);
        string? walletNonce = null;
        string requestObject;
        if (reference.Request is not null)
        {
            requestObject = reference.Request;
        }
        else if (reference.RequestUriMethod == "post")
        {
            walletNonce = Pkce.Create().Verifier;
            var metadata = new JsonObject
            {
                ["vp_formats_supported"] = new JsonObject
                {
                    [CredentialFormats.JwtVcJson] = new JsonObject { ["alg_values"] = new JsonArray("ES256") },
                    [CredentialFormats.SdJwtVc] = new JsonObject
                    {
                        ["sd-jwt_alg_values"] = new JsonArray("ES256"),
                        ["kb-jwt_alg_values"] = new JsonArray("ES256"),
                    },
                },
                ["client_id_prefixes_supported"] = new JsonArray(ClientIdPrefixes.DecentralizedIdentifier, ClientIdPrefixes.X509SanDns),
            };
            using var message = new HttpRequestMessage(HttpMethod.Post, reference.RequestUri)
            {
                Content = new FormUrlEncodedContent(
                    new Dictionary<string, string> { ["wallet_nonce"] = walletNonce, ["wallet_metadata"] = metadata.ToJsonString() }
                ),
            };
            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/oauth-authz-req+jwt"));
            requestObject = await ReadRequestObjectAsync(message, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            using var message = new HttpRequestMessage(HttpMethod.Get, reference.RequestUri);
            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/oauth-authz-req+jwt"));
            requestObject = await ReadRequestObjectAsync(message, cancellationToken).ConfigureAwait(false);
        }
        return await requests.VerifyAsync(requestObject, reference.ClientId, walletNonce, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The <c>vp_token</c> for <paramref name="request"/> from <paramref name="held"/>; null when the query cannot be
    /// satisfied.</summary>
    public JsonObject? BuildVpToken(VerifiedPresentationRequest request, IEnumerable<HeldCredential> held)
    {
        ArgumentNullException.ThrowIfNull(request);
        var selection = DcqlMatcher.Select(request.Query, held);
        if (selection is null)
        {
            return null;
        }
        var token = new JsonObject();
        foreach (var (queryId, matches) in selection)
        {
            var entries = new JsonArray();
            var query = request.Query.Credentials.First(c => c.Id == queryId);
            if (!query.RequireHolderBinding && matches.All(m => m.Credential.Format == CredentialFormats.JwtVcJson))
            {
                // Appendix B.1: a query that waives holder binding MUST get the VC-JWT itself, not a VP. No
                // presentation is signed, so a credential whose subject is another DID (one the Notary
                // prepared for a participant's did:web) can be shown by a holder that is not that DID.
                foreach (var match in matches)
                {
                    entries.Add(match.Credential.Raw);
                }
                token[queryId] = entries;
                continue;
            }
            if (matches.Count > 1 && matches.All(m => m.Credential.Format == CredentialFormats.JwtVcJson))
            {
                // Gaia-X profile: the credentials answering one multiple-credential query travel in one
                // VP-JWT, because the compliance filter chain judges them together (a LegalPerson with
                // its registration number and the issuer's terms and conditions).
                entries.Add(
                    presentations.Issue(
                        matches.Select(m => m.Credential.Raw),
                        holderKey.SigningKey,
                        holder,
                        request.Nonce,
                        request.ClientId
                    )
                );
                token[queryId] = entries;
                continue;
            }
            foreach (var match in matches)
            {
                entries.Add(
                    match.Credential.Format switch
                    {
                        CredentialFormats.JwtVcJson => presentations.Issue(
                            [match.Credential.Raw],
                            holderKey.SigningKey,
                            holder,
                            request.Nonce,
                            request.ClientId
                        ),
                        CredentialFormats.SdJwtVc => SdJwtHolder.Present(
                            match.Credential.Raw,
                            disclosure =>
                                match.Credential.Disclosures.Any(p =>
                                    p.Disclosure.Digest == disclosure.Digest
                                    && match.DisclosedPaths.Any(path => ClaimsPath.Covers(path, p.Path))
                                ),
                            holderKey.SigningKey,
                            request.Nonce,
                            request.ClientId,
                            time.GetUtcNow()
                        ),
                        _ => throw new WalletProtocolException(
                            ErrorCodes.InvalidRequest,
                            $"Format {match.Credential.Format} cannot be presented."
                        ),
                    }
                );
            }
            token[queryId] = entries;
        }
        return token;
    }

    /// <summary>Posts the response to the response_uri: form-encoded, or encrypted for <c>direct_post.jwt</c>.</summary>
    public Task<PresentationResponseResult> SendAsync(
        VerifiedPresentationRequest request,
        JsonObject vpToken,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(vpToken);
        return PostAsync(request, new JsonObject { ["vp_token"] = vpToken.DeepClone() }, encryptionOptional: false, cancellationToken);
    }

    /// <summary>
    /// Tells the verifier the wallet refuses <paramref name="request"/> (OpenID4VP 1.0 §8.5): <c>error</c>,
    /// <c>error_description</c> and <c>state</c> to the response_uri, so the request ends now instead of
    /// waiting for its expiry. Only for a request whose signature verified: an unverified response_uri may
    /// be anyone's. Sent in the request's response mode; in the clear when it cannot be encrypted (§8.3.1).
    /// </summary>
    public Task<PresentationResponseResult> SendErrorAsync(
        VerifiedPresentationRequest request,
        string error,
        string? description,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(error);
        var parameters = new JsonObject { ["error"] = error };
        if (description is not null)
        {
            parameters["error_description"] = description;
        }
        return PostAsync(request, parameters, encryptionOptional: true, cancellationToken);
    }

    private async Task<PresentationResponseResult> PostAsync(
        VerifiedPresentationRequest request,
        JsonObject parameters,
        bool encryptionOptional,
        CancellationToken cancellationToken
    )
    {
        if (request.State is not null)
        {
            parameters["state"] = request.State;
        }
        Dictionary<string, string>? form = null;
        if (request.ResponseMode == "direct_post.jwt")
        {
            try
            {
                var (jwk, enc) = EncryptionKeyOf(request);
                form = new() { ["response"] = EcdhEsEncrypter.Encrypt(Encoding.UTF8.GetBytes(parameters.ToJsonString()), jwk, enc) };
            }
            catch (WalletProtocolException) when (encryptionOptional)
            {
                // §8.3.1: a wallet unable to encrypt may send an error response without encryption.
            }
        }
        form ??= parameters.ToDictionary(
            p => p.Key,
            p => p.Value is JsonValue value && value.TryGetValue<string>(out var text) ? text : p.Value!.ToJsonString()
        );
        using var response = await http.PostAsync(request.ResponseUri, new FormUrlEncodedContent(form), cancellationToken)
            .ConfigureAwait(false);
        var text = await Oid4vciClient.ReadBoundedStringAsync(response, cancellationToken).ConfigureAwait(false);
        JsonElement? body = null;
        try
        {
            if (text.Length > 0)
            {
                using var document = JsonDocument.Parse(text);
                body = document.RootElement.Clone();
            }
        }
        catch (JsonException)
        {
            // Not JSON: the status code is the answer.
        }
        if (!response.IsSuccessStatusCode)
        {
            var error = body is { ValueKind: JsonValueKind.Object } b && b.TryGetProperty("error", out var e) ? e.GetString() : null;
            var description =
                body is { ValueKind: JsonValueKind.Object } d && d.TryGetProperty("error_description", out var ed) ? ed.GetString() : text;
            throw new WalletProtocolException(error ?? $"http_{(int)response.StatusCode}", description);
        }
        var redirect =
            body is { ValueKind: JsonValueKind.Object } r && r.TryGetProperty("redirect_uri", out var ru) ? ru.GetString() : null;
        return new PresentationResponseResult((int)response.StatusCode, redirect, body);
    }

    /// <summary>
    /// The whole presentation: fetch, verify, match, respond. A verified request the held credentials cannot
    /// answer is refused with <c>access_denied</c> to its response_uri, then thrown with
    /// <see cref="WalletProtocolException.ReportedToVerifier"/> set; a request that does not verify is thrown
    /// without contacting the verifier again.
    /// </summary>
    public async Task<PresentationResponseResult> RespondAsync(
        string link,
        IEnumerable<HeldCredential> held,
        CancellationToken cancellationToken = default
    )
    {
        var request = await FetchRequestAsync(link, cancellationToken).ConfigureAwait(false);
        var token = BuildVpToken(request, held);
        if (token is null)
        {
            const string Description = "The wallet holds no credentials that satisfy the DCQL query.";
            await SendErrorAsync(request, ErrorCodes.AccessDenied, Description, cancellationToken).ConfigureAwait(false);
            throw new WalletProtocolException(ErrorCodes.AccessDenied, Description) { ReportedToVerifier = true };
        }
        return await SendAsync(request, token, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The user declines the request behind <paramref name="link"/>: it is fetched and verified like any
    /// other (an unverified response_uri is never contacted), then answered with <c>access_denied</c>.
    /// </summary>
    public async Task<PresentationResponseResult> DeclineAsync(string link, CancellationToken cancellationToken = default)
    {
        var request = await FetchRequestAsync(link, cancellationToken).ConfigureAwait(false);
        return await SendErrorAsync(request, ErrorCodes.AccessDenied, DeclinedDescription, cancellationToken).ConfigureAwait(false);
    }

    private static (JsonObject Jwk, string Enc) EncryptionKeyOf(VerifiedPresentationRequest request)
    {
        var metadata = request.ClientMetadata is { } m ? JsonNode.Parse(m.GetRawText())!.AsObject() : null;
        var key = metadata
            ?["jwks"]?["keys"]?.AsArray()
            .OfType<JsonObject>()
            .FirstOrDefault(k =>
                (string?)k["kty"] == "EC" && (string?)k["crv"] == "P-256" && (k["use"] is null || (string?)k["use"] == "enc")
            )
            ?? throw new WalletProtocolException(
                ErrorCodes.InvalidRequest,
                "direct_post.jwt needs an EC P-256 encryption key in client_metadata.jwks."
            );
        var offered = metadata?["encrypted_response_enc_values_supported"]?.AsArray().Select(v => (string?)v).ToList();
        // §8.3: A128GCM is the default when the verifier lists no values.
        var enc =
            offered is null || offered.Count == 0
                ? "A128GCM"
                : offered.FirstOrDefault(EcdhEsEncrypter.SupportedEncryption.Contains)
                    ?? throw new WalletProtocolException(ErrorCodes.InvalidRequest, "The verifier supports none of A128GCM and A256GCM.");
        return (key, enc);
    }

    private async Task<string> ReadRequestObjectAsync(HttpRequestMessage message, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var text = await Oid4vciClient.ReadBoundedStringAsync(response, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new WalletProtocolException(ErrorCodes.InvalidRequestUri, $"The request_uri answered {(int)response.StatusCode}: {text}");
        }
        return text.Trim();
    }
}
