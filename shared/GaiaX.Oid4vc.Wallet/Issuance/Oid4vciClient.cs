using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Duende.IdentityModel.Client;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.Protocol;
using GaiaX.Oid4vc.Wallet.Attestation;

namespace GaiaX.Oid4vc.Wallet.Issuance;

/// <summary>
/// An OpenID4VCI 1.0 wallet client: offer (by value or reference) → metadata → token (pre-authorized
/// code with <c>tx_code</c>, or authorization code with PKCE S256, through PAR when the server offers
/// it) → <c>/nonce</c> → <c>/credential</c> with <c>proofs.jwt</c> → deferred polling → notification.
/// OAuth requests go through Duende.IdentityModel; all other calls are plain JSON over the given client.
/// What HAIP adds is opt-in: DPoP (<see cref="DpopKey"/>, with server nonces), attestation-based client
/// authentication (<see cref="ClientAttestation"/>), key attestations (<see cref="KeyAttester"/>) and encrypted
/// credential requests and responses (<see cref="EncryptCredentialRequests"/>).
/// </summary>
public sealed class Oid4vciClient(HttpClient http, HolderKey holderKey, TimeProvider time)
{
    public const int MaxResponseBytes = 512 * 1024;

    private const string DpopNonceHeader = "DPoP-Nonce";

    /// <summary>The last DPoP nonce each server gave (RFC 9449 section 8), by origin.</summary>
    private readonly ConcurrentDictionary<string, string> _dpopNonces = new(StringComparer.Ordinal);

    /// <summary>Bind tokens to this key with DPoP proofs (RFC 9449) at the token, PAR and credential endpoints.</summary>
    public SigningKey? DpopKey { get; init; }

    /// <summary>Authenticate at <c>/par</c> and <c>/token</c> with a wallet provider's attestation (<c>sub</c>: the client_id).</summary>
    public ClientAttestation? ClientAttestation { get; init; }

    /// <summary>
    /// Gets a key attestation for the holder's public JWKs, the issuer's <c>c_nonce</c> and the levels it asks for, when a
    /// configuration has <c>key_attestations_required</c>.
    /// </summary>
    public Func<IReadOnlyList<JsonObject>, string?, KeyAttestationRequirement, string>? KeyAttester { get; init; }

    /// <summary>Encrypt credential requests and ask for encrypted responses when the issuer offers it (it is done anyway when
    /// the issuer requires it).</summary>
    public bool EncryptCredentialRequests { get; init; }

    private string? EffectiveClientId => ClientId ?? ClientAttestation?.ClientId;

    /// <summary>The client_id of this wallet, when it has one (authorization code flow, proof <c>iss</c>).</summary>
    public string? ClientId { get; init; }

    /// <summary>Longest the wallet waits for a deferred credential before giving up.</summary>
    public TimeSpan DeferredTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Sign proofs with the holder key's <c>kid</c> (a DID URL) instead of the public <c>jwk</c>.</summary>
    public bool ProofWithKeyId { get; init; }

    public async Task<CredentialOffer> ResolveOfferAsync(string offerUri, CancellationToken cancellationToken = default)
    {
        var reference = CredentialOfferReference.Parse(offerUri);
        if (reference.Offer is not null)
        {
            return reference.Offer;
        }
        using var response = await http.GetAsync(reference.OfferUri, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new WalletProtocolException(
                "invalid_credential_offer",
                $"The offer at {reference.OfferUri} answered {(int)response.StatusCode}."
            );
        }
        return CredentialOffer.Parse(await ReadBoundedStringAsync(response, cancellationToken).ConfigureAwait(false));
    }

    public async Task<IssuerContext> DiscoverAsync(
        string credentialIssuer,
        string? authorizationServer = null,
        CancellationToken cancellationToken = default
    )
    {
        using var issuerDocument = await GetJsonAsync(IssuerMetadata.WellKnownUri(credentialIssuer), cancellationToken)
            .ConfigureAwait(false);
        var issuer = IssuerMetadata.Parse(issuerDocument.RootElement, credentialIssuer);
        // §12.2.4: without authorization_servers the Credential Issuer is its own authorization server.
        var asIssuer = authorizationServer ?? issuer.AuthorizationServers.FirstOrDefault() ?? credentialIssuer;
        if (issuer.AuthorizationServers.Count > 0 && !issuer.AuthorizationServers.Contains(asIssuer, StringComparer.Ordinal))
        {
            throw new WalletProtocolException(
                "invalid_credential_offer",
                $"The offer names authorization server {asIssuer}, which the issuer metadata does not list."
            );
        }
        using var asDocument = await GetJsonAsync(IssuerMetadata.WellKnownUri(asIssuer, "oauth-authorization-server"), cancellationToken)
            .ConfigureAwait(false);
        return new IssuerContext(issuer, AuthorizationServerMetadata.Parse(asDocument.RootElement, asIssuer));
    }

    public async Task<WalletToken> RedeemPreAuthorizedCodeAsync(
        IssuerContext context,
        PreAuthorizedCodeGrant grant,
        string? transactionCode,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(grant);
        var parameters = new Parameters { { "pre-authorized_code", grant.PreAuthorizedCode } };
        if (transactionCode is not null)
        {
            parameters.Add("tx_code", transactionCode);
        }
        var response = await SendProtocolAsync(
                context,
                context.AuthorizationServer.TokenEndpoint,
                () =>
                    new TokenRequest
                    {
                        Address = context.AuthorizationServer.TokenEndpoint.AbsoluteUri,
                        GrantType = CredentialOffer.PreAuthorizedGrantType,
                        ClientId = EffectiveClientId ?? string.Empty,
                        ClientCredentialStyle = ClientCredentialStyle.PostBody,
                        Parameters = parameters,
                    },
                http.RequestTokenAsync,
                cancellationToken
            )
            .ConfigureAwait(false);
        return ToWalletToken(response);
    }

    /// <summary>
    /// Starts the authorization code flow with PKCE S256 and <c>authorization_details</c> of type
    /// <c>openid_credential</c>; pushes the request first (RFC 9126) when the server has a PAR endpoint.
    /// </summary>
    public async Task<AuthorizationCodeSession> BeginAuthorizationCodeAsync(
        IssuerContext context,
        CredentialOffer offer,
        string clientId,
        string redirectUri,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(offer);
        var authorizationEndpoint = context.AuthorizationServer.AuthorizationEndpoint
            ?? throw new WalletProtocolException("invalid_issuer_metadata", "The authorization server has no authorization_endpoint.");
        var pkce = Pkce.Create();
        var state = Pkce.Create().Verifier;
        var details = new JsonArray(
            offer
                .CredentialConfigurationIds.Select(id =>
                    (JsonNode)new JsonObject { ["type"] = "openid_credential", ["credential_configuration_id"] = id }
                )
                .ToArray()
        ).ToJsonString();
        var extra = new Parameters { { "authorization_details", details } };
        if (offer.AuthorizationCode?.IssuerState is { } issuerState)
        {
            extra.Add("issuer_state", issuerState);
        }
        if (context.AuthorizationServer.PushedAuthorizationRequestEndpoint is { } parEndpoint)
        {
            var pushed = await SendProtocolAsync(
                    context,
                    parEndpoint,
                    () =>
                        new PushedAuthorizationRequest
                        {
                            Address = parEndpoint.AbsoluteUri,
                            ClientId = clientId,
                            ClientCredentialStyle = ClientCredentialStyle.PostBody,
                            ResponseType = "code",
                            RedirectUri = redirectUri,
                            State = state,
                            CodeChallenge = pkce.Challenge,
                            CodeChallengeMethod = Pkce.Method,
                            Parameters = new Parameters(extra),
                        },
                    http.PushAuthorizationAsync,
                    cancellationToken
                )
                .ConfigureAwait(false);
            if (pushed.IsError || pushed.RequestUri is null)
            {
                throw new WalletProtocolException(pushed.Error ?? ErrorCodes.InvalidRequest, "The pushed authorization request failed.");
            }
            var url = new RequestUrl(authorizationEndpoint.AbsoluteUri).Create(
                new Parameters { { "client_id", clientId }, { "request_uri", pushed.RequestUri } }
            );
            return new AuthorizationCodeSession(new Uri(url), pkce, state, clientId, redirectUri);
        }
        if (context.AuthorizationServer.RequirePushedAuthorizationRequests)
        {
            throw new WalletProtocolException(
                "invalid_issuer_metadata",
                "The server requires PAR but names no pushed_authorization_request_endpoint."
            );
        }
        var authorizeUrl = new RequestUrl(authorizationEndpoint.AbsoluteUri).CreateAuthorizeUrl(
            clientId: clientId,
            responseType: "code",
            redirectUri: redirectUri,
            state: state,
            codeChallenge: pkce.Challenge,
            codeChallengeMethod: Pkce.Method,
            extra: extra
        );
        return new AuthorizationCodeSession(new Uri(authorizeUrl), pkce, state, clientId, redirectUri);
    }

    /// <summary>Exchanges the code from the redirect; refuses a redirect whose <c>state</c> is not this session's.</summary>
    public async Task<WalletToken> ExchangeAuthorizationCodeAsync(
        IssuerContext context,
        AuthorizationCodeSession session,
        string code,
        string? returnedState,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(session);
        if (!string.Equals(returnedState, session.State, StringComparison.Ordinal))
        {
            throw new WalletProtocolException(
                ErrorCodes.InvalidRequest,
                "The authorization response carries a state this wallet did not send."
            );
        }
        var response = await SendProtocolAsync(
                context,
                context.AuthorizationServer.TokenEndpoint,
                () =>
                    new AuthorizationCodeTokenRequest
                    {
                        Address = context.AuthorizationServer.TokenEndpoint.AbsoluteUri,
                        ClientId = session.ClientId,
                        ClientCredentialStyle = ClientCredentialStyle.PostBody,
                        Code = code,
                        RedirectUri = session.RedirectUri,
                        CodeVerifier = session.Pkce.Verifier,
                    },
                http.RequestAuthorizationCodeTokenAsync,
                cancellationToken
            )
            .ConfigureAwait(false);
        return ToWalletToken(response);
    }

    /// <summary>A fresh <c>c_nonce</c> from the Nonce Endpoint (§7), or null when the issuer has none.</summary>
    public async Task<string?> GetNonceAsync(IssuerContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Issuer.NonceEndpoint is not { } endpoint)
        {
            return null;
        }
        using var response = await http.PostAsync(endpoint, content: null, cancellationToken).ConfigureAwait(false);
        using var document = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
        return IssuerMetadata.String(document.RootElement, "c_nonce")
            ?? throw new WalletProtocolException("invalid_nonce_response", "The nonce response has no c_nonce.");
    }

    /// <summary>
    /// Requests one credential. Asks for a fresh nonce first; on <c>invalid_nonce</c> (the nonce was
    /// consumed or expired in between) it fetches another and tries once more.
    /// </summary>
    public async Task<CredentialResult> RequestCredentialAsync(
        IssuerContext context,
        WalletToken token,
        string? credentialConfigurationId,
        string? credentialIdentifier = null,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(token);
        if ((credentialConfigurationId is null) == (credentialIdentifier is null))
        {
            throw new ArgumentException("Give exactly one of credentialConfigurationId and credentialIdentifier.");
        }
        // A credential identifier belongs to the configuration its authorization_details entry names.
        var configurationOf = credentialConfigurationId ?? token.ConfigurationOfIdentifier.GetValueOrDefault(credentialIdentifier!);
        var configuration = configurationOf is null ? null : context.Issuer.CredentialConfigurations.GetValueOrDefault(configurationOf);
        var requiresProof = configuration is null || configuration.RequiresProof;
        var keyAttestations = configuration?.KeyAttestationsRequired;
        if (keyAttestations is not null && KeyAttester is null)
        {
            throw new WalletProtocolException(
                ErrorCodes.InvalidProof,
                $"{configurationOf} needs attested keys and this wallet has no wallet provider to attest them."
            );
        }
        for (var attempt = 0; ; attempt++)
        {
            var body = new JsonObject();
            if (credentialConfigurationId is not null)
            {
                body["credential_configuration_id"] = credentialConfigurationId;
            }
            else
            {
                body["credential_identifier"] = credentialIdentifier;
            }
            if (requiresProof)
            {
                var nonce = await GetNonceAsync(context, cancellationToken).ConfigureAwait(false);
                var attestation = keyAttestations is null ? null : KeyAttester!([holderKey.PublicJwkCopy()], nonce, keyAttestations);
                var proof = ProofJwt.Create(
                    holderKey,
                    context.Issuer.CredentialIssuer,
                    nonce,
                    EffectiveClientId,
                    time.GetUtcNow(),
                    ProofWithKeyId,
                    attestation
                );
                body["proofs"] = new JsonObject { ["jwt"] = new JsonArray(proof) };
            }
            using var encryption = ResponseKey(context);
            using var response = await SendResourceAsync(context.Issuer.CredentialEndpoint, token, body, encryption, cancellationToken)
                .ConfigureAwait(false);
            try
            {
                return await ReadCredentialResponseAsync(response, encryption, cancellationToken).ConfigureAwait(false);
            }
            catch (WalletProtocolException ex) when (ex.Error == ErrorCodes.InvalidNonce && attempt == 0 && requiresProof)
            {
                // The nonce went stale between /nonce and /credential: one retry with a fresh one.
            }
        }
    }

    /// <summary>Polls the Deferred Credential Endpoint (§9), waiting the issuer's <c>interval</c> before each call.</summary>
    public async Task<CredentialResult> PollDeferredAsync(
        IssuerContext context,
        WalletToken token,
        CredentialResult pending,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(pending);
        var endpoint = context.Issuer.DeferredCredentialEndpoint
            ?? throw new WalletProtocolException(
                "invalid_issuer_metadata",
                "The issuer deferred issuance but has no deferred_credential_endpoint."
            );
        var deadline = time.GetUtcNow() + DeferredTimeout;
        var current = pending;
        while (current.IsDeferred)
        {
            if (time.GetUtcNow() + current.Interval > deadline)
            {
                throw new WalletProtocolException(
                    "deferred_timeout",
                    $"The credential for transaction {current.TransactionId} was not ready within {DeferredTimeout}."
                );
            }
            await Task.Delay(current.Interval, time, cancellationToken).ConfigureAwait(false);
            // Section 9.1: the response key may differ from the first request's; a fresh one each time.
            using var encryption = ResponseKey(context);
            using var response = await SendResourceAsync(
                    endpoint,
                    token,
                    new JsonObject { ["transaction_id"] = current.TransactionId },
                    encryption,
                    cancellationToken
                )
                .ConfigureAwait(false);
            var next = await ReadCredentialResponseAsync(response, encryption, cancellationToken).ConfigureAwait(false);
            // A 202 may omit the transaction id; it stays the one the wallet already holds.
            current =
                next.IsDeferred || next.Credentials.Count > 0
                    ? next with
                    {
                        TransactionId = next.IsDeferred ? next.TransactionId ?? current.TransactionId : null,
                    }
                    : next;
        }
        return current;
    }

    /// <summary>Tells the issuer what became of the credentials (§11): <c>credential_accepted</c>, <c>credential_failure</c>,
    /// <c>credential_deleted</c>.</summary>
    public async Task NotifyAsync(
        IssuerContext context,
        WalletToken token,
        string notificationId,
        string notificationEvent = "credential_accepted",
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(token);
        if (context.Issuer.NotificationEndpoint is not { } endpoint)
        {
            return;
        }
        using var response = await SendResourceAsync(
                endpoint,
                token,
                new JsonObject { ["notification_id"] = notificationId, ["event"] = notificationEvent },
                null,
                cancellationToken
            )
            .ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            await ThrowProtocolErrorAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The whole pre-authorized flow for one offer: every offered configuration is requested, deferred
    /// ones are polled, and each received batch is acknowledged with <c>credential_accepted</c>.
    /// </summary>
    public async Task<IReadOnlyList<string>> ReceivePreAuthorizedAsync(
        string offerUri,
        string? transactionCode,
        Action<string>? progress = null,
        CancellationToken cancellationToken = default
    )
    {
        var offer = await ResolveOfferAsync(offerUri, cancellationToken).ConfigureAwait(false);
        var grant = offer.PreAuthorizedCode
            ?? throw new WalletProtocolException("invalid_credential_offer", "The offer has no pre-authorized code grant.");
        if (grant.TransactionCode is not null && transactionCode is null)
        {
            throw new WalletProtocolException(
                ErrorCodes.InvalidRequest,
                "The offer asks for a transaction code (tx_code) and none was given."
            );
        }
        var context = await DiscoverAsync(offer.CredentialIssuer, grant.AuthorizationServer, cancellationToken).ConfigureAwait(false);
        progress?.Invoke($"issuer {context.Issuer.CredentialIssuer}: metadata and authorization server discovered");
        var token = await RedeemPreAuthorizedCodeAsync(
                context,
                grant,
                grant.TransactionCode is null ? null : transactionCode,
                cancellationToken
            )
            .ConfigureAwait(false);
        progress?.Invoke("access token received for the pre-authorized code");
        var credentials = new List<string>();
        foreach (var configurationId in offer.CredentialConfigurationIds)
        {
            var result = await RequestCredentialAsync(context, token, configurationId, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            if (result.IsDeferred)
            {
                progress?.Invoke(
                    $"{configurationId}: deferred (transaction {result.TransactionId}), polling every {result.Interval.TotalSeconds:0.#} s"
                );
                result = await PollDeferredAsync(context, token, result, cancellationToken).ConfigureAwait(false);
            }
            progress?.Invoke($"{configurationId}: {result.Credentials.Count} credential(s) received");
            credentials.AddRange(result.Credentials);
            if (result.NotificationId is { } notificationId)
            {
                await NotifyAsync(context, token, notificationId, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
        return credentials;
    }

    private static WalletToken ToWalletToken(TokenResponse response)
    {
        if (response.IsError || string.IsNullOrEmpty(response.AccessToken))
        {
            throw new WalletProtocolException(
                response.Error ?? "invalid_token_response",
                response.ErrorDescription ?? response.Exception?.Message
            );
        }
        var identifiers = new List<string>();
        var configurations = new Dictionary<string, string>(StringComparer.Ordinal);
        if (
            response.Json is { } json
            && json.TryGetProperty("authorization_details", out var details)
            && details.ValueKind == JsonValueKind.Array
        )
        {
            foreach (var detail in details.EnumerateArray())
            {
                if (detail.TryGetProperty("credential_identifiers", out var ids) && ids.ValueKind == JsonValueKind.Array)
                {
                    var added = ids.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.String).Select(i => i.GetString()!).ToList();
                    identifiers.AddRange(added);
                    if (IssuerMetadata.String(detail, "credential_configuration_id") is { } configurationId)
                    {
                        foreach (var identifier in added)
                        {
                            configurations[identifier] = configurationId;
                        }
                    }
                }
            }
        }
        var tokenType = string.IsNullOrEmpty(response.TokenType) ? "Bearer" : response.TokenType;
        return new WalletToken(
            response.AccessToken,
            tokenType.Equals("bearer", StringComparison.OrdinalIgnoreCase) ? "Bearer" : tokenType,
            identifiers
        )
        {
            ConfigurationOfIdentifier = configurations,
        };
    }

    /// <summary>
    /// Sends an OAuth request to the authorization server <paramref name="endpoint"/> (token, PAR) with this wallet's DPoP
    /// proof and client attestation; made again once with the server's nonce when it answers <c>use_dpop_nonce</c>.
    /// </summary>
    private async Task<TResponse> SendProtocolAsync<TRequest, TResponse>(
        IssuerContext context,
        Uri endpoint,
        Func<TRequest> create,
        Func<TRequest, CancellationToken, Task<TResponse>> send,
        CancellationToken cancellationToken
    )
        where TRequest : ProtocolRequest
        where TResponse : ProtocolResponse
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = create();
            if (DpopKey is not null)
            {
                request.DPoPProofToken = DpopProof("POST", endpoint, null);
            }
            if (ClientAttestation is { } attestation)
            {
                request.ClientId = attestation.ClientId;
                request.Headers.Add(ClientAttestation.AttestationHeader, attestation.Attestation);
                request.Headers.Add(
                    ClientAttestation.PopHeader,
                    attestation.ProofOfPossession(context.AuthorizationServer.Issuer, time.GetUtcNow())
                );
            }
            var response = await send(request, cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(response.DPoPNonce))
            {
                _dpopNonces[Origin(endpoint)] = response.DPoPNonce;
            }
            if (response.IsError && response.Error == ErrorCodes.UseDpopNonce && attempt == 0 && DpopKey is not null)
            {
                continue;
            }
            return response;
        }
    }

    /// <summary>
    /// POSTs <paramref name="body"/> to a protected endpoint with the access token (and a DPoP proof for a DPoP token),
    /// encrypted to the issuer when <paramref name="encryption"/> is given; made again once with the server's nonce when it
    /// answers <c>use_dpop_nonce</c>.
    /// </summary>
    private async Task<HttpResponseMessage> SendResourceAsync(
        Uri endpoint,
        WalletToken token,
        JsonObject body,
        ResponseEncryptionKey? encryption,
        CancellationToken cancellationToken
    )
    {
        encryption?.AddTo(body);
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint);
            if (encryption is not null)
            {
                request.Content = new StringContent(encryption.EncryptRequest(body), System.Text.Encoding.ASCII);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/jwt");
            }
            else
            {
                request.Content = JsonContent.Create(body);
            }
            var dpop = token.TokenType.Equals("DPoP", StringComparison.OrdinalIgnoreCase);
            if (dpop && DpopKey is null)
            {
                throw new WalletProtocolException(
                    ErrorCodes.InvalidRequest,
                    "The issuer gave a DPoP-bound token and this wallet has no DPoP key."
                );
            }
            request.Headers.Authorization = new AuthenticationHeaderValue(dpop ? "DPoP" : token.TokenType, token.AccessToken);
            if (dpop)
            {
                request.Headers.Add("DPoP", DpopProof("POST", endpoint, token.AccessToken));
            }
            var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.Headers.TryGetValues(DpopNonceHeader, out var nonces) && nonces.FirstOrDefault() is { Length: > 0 } nonce)
            {
                _dpopNonces[Origin(endpoint)] = nonce;
                var challenged =
                    response.StatusCode == HttpStatusCode.Unauthorized
                    && response.Headers.WwwAuthenticate.Any(h =>
                        h.Parameter?.Contains(ErrorCodes.UseDpopNonce, StringComparison.Ordinal) == true
                    );
                if (challenged && attempt == 0 && dpop)
                {
                    response.Dispose();
                    continue;
                }
            }
            return response;
        }
    }

    /// <summary>A DPoP proof (RFC 9449 section 4.2) for one request, with the server's last nonce and <c>ath</c> for a token.</summary>
    private string DpopProof(string method, Uri endpoint, string? accessToken)
    {
        var key = DpopKey!;
        var jwk = key.PublicKey.ToJwk();
        jwk.Remove("alg");
        jwk.Remove("kid");
        var payload = new JsonObject
        {
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["htm"] = method,
            ["htu"] = endpoint.GetLeftPart(UriPartial.Path),
            ["iat"] = time.GetUtcNow().ToUnixTimeSeconds(),
        };
        if (accessToken is not null)
        {
            payload["ath"] = System.Buffers.Text.Base64Url.EncodeToString(
                SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(accessToken))
            );
        }
        if (_dpopNonces.TryGetValue(Origin(endpoint), out var nonce))
        {
            payload["nonce"] = nonce;
        }
        return Jws.Create(new JsonObject { ["typ"] = "dpop+jwt", ["jwk"] = jwk }, payload, key);
    }

    private static string Origin(Uri endpoint) => endpoint.GetLeftPart(UriPartial.Authority);

    /// <summary>A fresh response key when this request is to be encrypted, or null.</summary>
    private ResponseEncryptionKey? ResponseKey(IssuerContext context) =>
        context.Issuer.Encryption is { } offered && (EncryptCredentialRequests || offered.Required)
            ? new ResponseEncryptionKey(offered)
            : null;

    private static async Task<CredentialResult> ReadCredentialResponseAsync(
        HttpResponseMessage response,
        ResponseEncryptionKey? encryption,
        CancellationToken cancellationToken
    )
    {
        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Accepted))
        {
            await ThrowProtocolErrorAsync(response, cancellationToken).ConfigureAwait(false);
        }
        if (encryption is not null && response.Content.Headers.ContentType?.MediaType != "application/jwt")
        {
            // Asked for encryption, got plain text: a downgrade on the way is refused (section 10).
            throw new WalletProtocolException(
                "invalid_credential_response",
                "The issuer answered unencrypted although encryption was asked for."
            );
        }
        using var document = encryption is not null
            ? encryption.DecryptResponse(await ReadBoundedStringAsync(response, cancellationToken).ConfigureAwait(false))
            : await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
        var root = document.RootElement;
        var credentials = new List<string>();
        if (root.TryGetProperty("credentials", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in list.EnumerateArray())
            {
                if (!item.TryGetProperty("credential", out var credential))
                {
                    throw new WalletProtocolException("invalid_credential_response", "An entry of credentials has no credential.");
                }
                credentials.Add(credential.ValueKind == JsonValueKind.String ? credential.GetString()! : credential.GetRawText());
            }
        }
        var transactionId = IssuerMetadata.String(root, "transaction_id");
        var interval =
            root.TryGetProperty("interval", out var i)
            && i.ValueKind == JsonValueKind.Number
            && i.TryGetInt32(out var seconds)
            && seconds > 0
                ? TimeSpan.FromSeconds(seconds)
                : TimeSpan.FromSeconds(5);
        if (response.StatusCode == HttpStatusCode.Accepted)
        {
            return new CredentialResult([], null, transactionId ?? string.Empty, interval);
        }
        if (credentials.Count == 0 && transactionId is null)
        {
            throw new WalletProtocolException(
                "invalid_credential_response",
                "The credential response holds neither credentials nor a transaction_id."
            );
        }
        return new CredentialResult(credentials, IssuerMetadata.String(root, "notification_id"), transactionId, interval);
    }

    private static async Task ThrowProtocolErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string? error = null;
        string? description = null;
        try
        {
            using var document = await ReadJsonAsync(response, cancellationToken, requireSuccess: false).ConfigureAwait(false);
            error = IssuerMetadata.String(document.RootElement, "error");
            description = IssuerMetadata.String(document.RootElement, "error_description")
                ?? IssuerMetadata.String(document.RootElement, "detail");
        }
        catch (WalletProtocolException)
        {
            // No JSON error object: the status code is all the wallet can report.
        }
        throw new WalletProtocolException(error ?? $"http_{(int)response.StatusCode}", description ?? response.ReasonPhrase);
    }

    private async Task<JsonDocument> GetJsonAsync(Uri uri, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<JsonDocument> ReadJsonAsync(
        HttpResponseMessage response,
        CancellationToken cancellationToken,
        bool requireSuccess = true
    )
    {
        if (requireSuccess && !response.IsSuccessStatusCode)
        {
            throw new WalletProtocolException(
                $"http_{(int)response.StatusCode}",
                $"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}."
            );
        }
        var text = await ReadBoundedStringAsync(response, cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new WalletProtocolException("invalid_response", $"{response.RequestMessage?.RequestUri} did not answer JSON.", ex);
        }
    }

    internal static async Task<string> ReadBoundedStringAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var bytes = await GaiaX
            .Oid4vc.Credentials.Net.GuardedHttpClient.ReadBoundedAsync(response.Content, MaxResponseBytes, cancellationToken)
            .ConfigureAwait(false)
            ?? throw new WalletProtocolException("invalid_response", $"The response is larger than {MaxResponseBytes} bytes.");
        return System.Text.Encoding.UTF8.GetString(bytes);
    }
}
