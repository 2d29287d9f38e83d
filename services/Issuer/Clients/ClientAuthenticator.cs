using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.Protocol;
using GaiaX.Oid4vc.Issuer.Metadata;
using GaiaX.Oid4vc.Issuer.Protocol;
using GaiaX.Oid4vc.Issuer.Token;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Issuer.Clients;

/// <summary>
/// Authenticates the client of a request to <c>/par</c> or <c>/token</c>: <c>private_key_jwt</c> for registered clients
/// (RFC 7523 section 3), a wallet provider's attestation with its proof of possession (OAuth 2.0 Attestation-Based Client
/// Authentication) for wallet instances, or none (a public client) unless <see cref="IssuerOptions.RequireClientAuthentication"/>.
/// Every failure is <c>invalid_client</c>, never ignored: a client that believes it proved who it is must learn that it did
/// not. One method per request (RFC 6749 section 2.3); client secrets are not supported.
/// </summary>
public sealed class ClientAuthenticator(
    ClientRegistry registry,
    IJwtReplayCache replays,
    AttestationChallenges challenges,
    IssuerEndpoints endpoints,
    TimeProvider time,
    IOptions<IssuerOptions> options
)
{
    private const int MaxJwtLength = 16 * 1024;

    private static readonly string[] SecretParameters = ["client_secret"];

    private readonly JwsPolicy _assertionPolicy = new()
    {
        RequireExpiration = true,
        ClockSkew = TimeSpan.FromSeconds(options.Value.ClockSkewSeconds),
        MaxTokenLength = MaxJwtLength,
    };

    private readonly JwsPolicy _attestationPolicy = new()
    {
        AllowedTypes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "oauth-client-attestation+jwt" },
        RequireExpiration = true,
        ClockSkew = TimeSpan.FromSeconds(options.Value.ClockSkewSeconds),
        MaxTokenLength = MaxJwtLength,
    };

    private readonly JwsPolicy _popPolicy = new()
    {
        AllowedTypes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "oauth-client-attestation-pop+jwt" },
        RequireIssuedAt = true,
        MaxAge = TimeSpan.FromSeconds(options.Value.ProofMaxAgeSeconds),
        ClockSkew = TimeSpan.FromSeconds(options.Value.ClockSkewSeconds),
        MaxTokenLength = MaxJwtLength,
    };

    /// <summary>The methods this Authorization Server offers, for its metadata.</summary>
    public IReadOnlyList<string> Methods =>
        [
            .. options.Value.RequireClientAuthentication ? Array.Empty<string>() : [ClientAuthenticationMethods.None],
            .. registry.HasRegisteredClients ? [ClientAuthenticationMethods.PrivateKeyJwt] : Array.Empty<string>(),
            .. registry.HasAttesters ? [ClientAuthenticationMethods.AttestJwtClientAuth] : Array.Empty<string>(),
        ];

    /// <summary>
    /// The client of a request to <paramref name="endpoint"/> (the URL the client called): proven, or named by a public
    /// client's <c>client_id</c>.
    /// </summary>
    public async Task<Outcome<AuthenticatedClient>> AuthenticateAsync(
        RequestParameters form,
        ClientCredentials credentials,
        string endpoint,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(credentials);
        if (credentials.Authorization.Length > 0)
        {
            // RFC 6749 section 5.2: 401 with a challenge for the scheme the client tried.
            var scheme = credentials.Authorization.Split(' ', 2)[0];
            return new ProtocolError(
                ErrorCodes.InvalidClient,
                "client authentication with the Authorization header (client secrets) is not supported",
                (int)HttpStatusCode.Unauthorized
            )
            {
                AuthenticateScheme = scheme.Length is > 0 and <= 32 && scheme.All(char.IsAsciiLetterOrDigit) ? scheme : "Basic",
            };
        }
        // RFC 6749 section 3.1: a parameter without a value counts as omitted.
        if (Array.Find(SecretParameters, form.HasValue) is { } secret)
        {
            return Refuse($"client authentication by {secret} is not supported");
        }
        var assertion = form.HasValue("client_assertion") || form.HasValue("client_assertion_type");
        var attestation = credentials.Attestation.Count > 0 || credentials.AttestationPop.Count > 0;
        if (assertion && attestation)
        {
            return Fail(ErrorCodes.InvalidRequest, "a request authenticates its client with one method only");
        }
        if (assertion)
        {
            return await PrivateKeyJwtAsync(form, endpoint, cancellationToken).ConfigureAwait(false);
        }
        if (attestation)
        {
            return await AttestationAsync(form, credentials, cancellationToken).ConfigureAwait(false);
        }
        var clientId = form["client_id"];
        if (registry.ClientKeys(clientId) is not null)
        {
            return Refuse($"client {clientId} is registered and must authenticate with {ClientAuthenticationMethods.PrivateKeyJwt}");
        }
        if (options.Value.RequireClientAuthentication)
        {
            return Refuse("this server requires client authentication: " + string.Join(", ", Methods));
        }
        return Outcome<AuthenticatedClient>.Success(new AuthenticatedClient(clientId, ClientAuthenticationMethods.None));
    }

    private async Task<Outcome<AuthenticatedClient>> PrivateKeyJwtAsync(
        RequestParameters form,
        string endpoint,
        CancellationToken cancellationToken
    )
    {
        if (form["client_assertion_type"] != ClientAuthenticationMethods.JwtBearerAssertionType)
        {
            return Refuse($"client_assertion_type must be {ClientAuthenticationMethods.JwtBearerAssertionType}");
        }
        var token = form["client_assertion"];
        var unverified = Jws.Parse(token, _assertionPolicy);
        if (!unverified.Succeeded)
        {
            return Refuse("the client assertion is not a valid JWT: " + unverified.Error.Message);
        }
        // RFC 7523 section 3: iss and sub are the client_id.
        var clientId = unverified.Value.PayloadString("sub") ?? string.Empty;
        if (unverified.Value.PayloadString("iss") != clientId)
        {
            return Refuse("the client assertion's iss and sub must both be the client_id");
        }
        if (form.Contains("client_id") && form["client_id"] != clientId)
        {
            return Refuse("client_id does not match the client assertion");
        }
        if (unverified.Value.Type is { } type && !IsAssertionType(type))
        {
            return Refuse($"a JWT of type {type} is not a client assertion");
        }
        var keys = registry.ClientKeys(clientId);
        if (keys is null)
        {
            return Refuse($"client {clientId} is not registered for {ClientAuthenticationMethods.PrivateKeyJwt}");
        }
        var verified = await Jws.VerifyAsync(token, _assertionPolicy, keys, time, cancellationToken).ConfigureAwait(false);
        if (!verified.Succeeded)
        {
            return Refuse("the client assertion does not verify: " + verified.Error.Message);
        }
        var payload = verified.Value.Payload;
        // RFC 7523 section 3 point 3: the Authorization Server must be an audience; its issuer identifier, or the endpoint.
        if (!Audiences(payload).Any(a => a == endpoints.CredentialIssuer || a == endpoint))
        {
            return Refuse($"the client assertion's aud must name this authorization server ({endpoints.CredentialIssuer})");
        }
        var lifetime = await SingleUseAsync(payload, JwtReplayCache.ClientAssertions, clientId, cancellationToken).ConfigureAwait(false);
        return lifetime
            ?? Outcome<AuthenticatedClient>.Success(new AuthenticatedClient(clientId, ClientAuthenticationMethods.PrivateKeyJwt));
    }

    private async Task<Outcome<AuthenticatedClient>> AttestationAsync(
        RequestParameters form,
        ClientCredentials credentials,
        CancellationToken cancellationToken
    )
    {
        if (credentials.Attestation.Count != 1 || credentials.AttestationPop.Count != 1)
        {
            return Refuse(
                $"client attestation needs exactly one {ClientAuthenticationMethods.AttestationHeader} "
                    + $"and one {ClientAuthenticationMethods.AttestationPopHeader} header"
            );
        }
        var attestationToken = credentials.Attestation[0];
        var unverified = Jws.Parse(attestationToken, _attestationPolicy);
        if (!unverified.Succeeded)
        {
            return Refuse("the client attestation is not valid: " + unverified.Error.Message);
        }
        var attester = unverified.Value.PayloadString("iss") ?? string.Empty;
        var keys = registry.AttesterKeys(attester);
        if (keys is null)
        {
            return Refuse($"the client attestation's issuer '{attester}' is not a trusted wallet provider");
        }
        var attestation = await Jws.VerifyAsync(attestationToken, _attestationPolicy, keys, time, cancellationToken).ConfigureAwait(false);
        if (!attestation.Succeeded)
        {
            return Refuse("the client attestation does not verify: " + attestation.Error.Message);
        }
        var claims = attestation.Value.Payload;
        var clientId = attestation.Value.Jws.PayloadString("sub");
        if (string.IsNullOrEmpty(clientId))
        {
            return Refuse("the client attestation has no sub (the client_id)");
        }
        if (form.Contains("client_id") && form["client_id"] != clientId)
        {
            return Refuse("client_id does not match the client attestation's sub");
        }
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        if (
            claims.TryGetProperty("exp", out var exp)
            && exp.TryGetInt64(out var expires)
            && expires - now > registry.MaxAttestationLifetime.TotalSeconds
        )
        {
            return Refuse("the client attestation lives longer than this server accepts");
        }
        if (
            !claims.TryGetProperty("cnf", out var cnf)
            || cnf.ValueKind != JsonValueKind.Object
            || !cnf.TryGetProperty("jwk", out var jwk)
            || jwk.ValueKind != JsonValueKind.Object
        )
        {
            return Refuse("the client attestation has no cnf.jwk (the client instance's key)");
        }
        var instanceKey = Jwk.ParsePublic(JsonNode.Parse(jwk.GetRawText())!.AsObject());
        if (!instanceKey.Succeeded)
        {
            return Refuse("the client attestation's cnf.jwk is not a usable public key: " + instanceKey.Error.Message);
        }
        using var key = instanceKey.Value;
        var pop = await Jws.VerifyAsync(credentials.AttestationPop[0], _popPolicy, new SingleKeyResolver(key), time, cancellationToken)
            .ConfigureAwait(false);
        if (!pop.Succeeded)
        {
            return Refuse("the client attestation proof of possession does not verify with cnf.jwk: " + pop.Error.Message);
        }
        var popClaims = pop.Value.Payload;
        if (pop.Value.Jws.PayloadString("iss") is { } popIssuer && popIssuer != clientId)
        {
            return Refuse("the proof of possession's iss must be the client_id");
        }
        if (!Audiences(popClaims).Contains(endpoints.CredentialIssuer))
        {
            return Refuse($"the proof of possession's aud must be this authorization server ({endpoints.CredentialIssuer})");
        }
        var challenge = pop.Value.Jws.PayloadString("challenge");
        if (challenge is null && options.Value.ClientAttestation.RequireChallenge)
        {
            return new ProtocolError(ErrorCodes.UseAttestationChallenge, "the proof of possession must carry a challenge from /challenge")
            {
                AttestationChallenge = await challenges.IssueAsync(cancellationToken).ConfigureAwait(false),
            };
        }
        if (challenge is not null && !await challenges.IsFreshAsync(challenge, cancellationToken).ConfigureAwait(false))
        {
            return Refuse("the proof of possession's challenge is not one this server gave, or it expired");
        }
        var replay = await SingleUseAsync(popClaims, JwtReplayCache.AttestationProofs, key.Thumbprint(), cancellationToken)
            .ConfigureAwait(false);
        return replay
            ?? Outcome<AuthenticatedClient>.Success(new AuthenticatedClient(clientId, ClientAuthenticationMethods.AttestJwtClientAuth));
    }

    /// <summary>The <c>jti</c> is spent for as long as the JWT could be accepted; null when it was fresh.</summary>
    private async Task<ProtocolError?> SingleUseAsync(JsonElement claims, string use, string scope, CancellationToken cancellationToken)
    {
        var jti = claims.TryGetProperty("jti", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (string.IsNullOrEmpty(jti) || jti.Length > 256)
        {
            return RefuseError("the JWT has no jti");
        }
        var settings = options.Value;
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var window = TimeSpan.FromSeconds(settings.ProofMaxAgeSeconds + (2 * settings.ClockSkewSeconds));
        if (claims.TryGetProperty("exp", out var exp) && exp.TryGetInt64(out var expires))
        {
            if (expires - now > TimeSpan.FromHours(1).TotalSeconds)
            {
                return RefuseError("the JWT lives longer than an hour; a single-use JWT must be short-lived");
            }
            window = TimeSpan.FromSeconds(Math.Max(window.TotalSeconds, expires - now + settings.ClockSkewSeconds));
        }
        return await replays.TryRememberAsync(use, scope + ":" + jti, window, cancellationToken).ConfigureAwait(false)
            ? null
            : RefuseError("the JWT was used before (jti)");
    }

    private static IEnumerable<string> Audiences(JsonElement claims) =>
        !claims.TryGetProperty("aud", out var aud) ? []
        : aud.ValueKind == JsonValueKind.String ? [aud.GetString()!]
        : aud.ValueKind == JsonValueKind.Array
            ? aud.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String).Select(a => a.GetString()!).ToList()
        : [];

    private static bool IsAssertionType(string type) =>
        type.Equals("JWT", StringComparison.OrdinalIgnoreCase)
        || type.Equals("client-authentication+jwt", StringComparison.OrdinalIgnoreCase)
        || type.Equals("application/client-authentication+jwt", StringComparison.OrdinalIgnoreCase);

    private static ProtocolError RefuseError(string description) => new(ErrorCodes.InvalidClient, description);

    private static Outcome<AuthenticatedClient> Refuse(string description) => RefuseError(description);

    private static Outcome<AuthenticatedClient> Fail(string error, string description) =>
        Outcome<AuthenticatedClient>.Fail(error, description);

    /// <summary>The attested instance key, whatever the header names.</summary>
    private sealed class SingleKeyResolver(VerificationKey key) : IJwsKeyResolver
    {
        public ValueTask<VerificationResult<ResolvedKey>> ResolveAsync(ParsedJws jws, CancellationToken cancellationToken) =>
            ValueTask.FromResult(
                key.IsCompatibleWith(jws.Algorithm)
                    ? VerificationResult<ResolvedKey>.Success(new ResolvedKey(key))
                    : VerificationResult<ResolvedKey>.Fail(
                        VerificationFailure.KeyAlgorithmMismatch,
                        $"cnf.jwk cannot verify {jws.Algorithm}."
                    )
            );
    }
}
