using System.Text.Json;
using GaiaX.Oid4vc.Credentials.DidWeb;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.Protocol;
using GaiaX.Oid4vc.Credentials.X509;

namespace GaiaX.Oid4vc.Wallet.Presentation;

/// <summary>
/// Verifies a request object (JAR, typ <c>oauth-authz-req+jwt</c>) against its client_id:
/// <c>decentralized_identifier:did:web:…</c> — the <c>kid</c> is a DID URL of that DID, resolved through
/// the DID document (key ↔ certificate ↔ trust anchor); <c>x509_san_dns:host</c> — the <c>x5c</c> chain
/// leads to a trust anchor and the leaf names the host as a DNS SAN; <c>x509_hash:hash</c> — the chain leads to a trust
/// anchor and the leaf is the certificate whose SHA-256 the identifier is. Then the parameters: same
/// client_id, <c>response_type</c> vp_token, a supported response mode with a <c>response_uri</c>,
/// a nonce, a DCQL query, and the <c>wallet_nonce</c> echoed when the wallet sent one.
/// </summary>
public sealed class RequestObjectVerifier(DidWebKeyResolver didKeys, X5cKeyResolver x5cKeys, TimeProvider time)
{
    public const string Type = "oauth-authz-req+jwt";

    /// <summary>The issuers of Verifier Attestation JWTs this wallet trusts, by <c>iss</c>, with their keys.</summary>
    public IReadOnlyDictionary<string, IJwsKeyResolver> VerifierAttesters { get; init; } = new Dictionary<string, IJwsKeyResolver>();

    private static readonly JwsPolicy Policy = new()
    {
        AllowedAlgorithms = JwsAlgorithms.Verification,
        AllowedTypes = new HashSet<string>(StringComparer.Ordinal) { Type, "application/" + Type },
        MaxTokenLength = 128 * 1024,
    };

    public async Task<VerifiedPresentationRequest> VerifyAsync(
        string requestObject,
        string clientId,
        string? walletNonce,
        CancellationToken cancellationToken = default
    )
    {
        var separator = clientId.IndexOf(':', StringComparison.Ordinal);
        var prefix = separator > 0 ? clientId[..separator] : string.Empty;
        var identifier = separator > 0 ? clientId[(separator + 1)..] : clientId;
        IJwsKeyResolver resolver = prefix switch
        {
            ClientIdPrefixes.DecentralizedIdentifier => new DidBoundResolver(didKeys, identifier),
            ClientIdPrefixes.X509SanDns => new SanBoundResolver(x5cKeys, identifier),
            ClientIdPrefixes.X509Hash => new HashBoundResolver(x5cKeys, identifier),
            ClientIdPrefixes.VerifierAttestation => new AttestationBoundResolver(VerifierAttesters, identifier, time),
            _ => throw new WalletProtocolException(
                ErrorCodes.InvalidClient,
                $"The client_id prefix '{prefix}' is not supported; use decentralized_identifier, x509_san_dns, x509_hash or "
                    + "verifier_attestation."
            ),
        };
        var verified = await Jws.VerifyAsync(requestObject, Policy, resolver, time, cancellationToken).ConfigureAwait(false);
        if (!verified.Succeeded)
        {
            throw new WalletProtocolException(ErrorCodes.InvalidRequestObject, verified.Error.ToString());
        }
        var payload = verified.Value.Payload;
        string? Claim(string name) => payload.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        // §5.10: the client_id inside the signed object must be the one the wallet was invoked with.
        if (Claim("client_id") != clientId)
        {
            throw new WalletProtocolException(
                ErrorCodes.InvalidRequestObject,
                "The request object's client_id differs from the request's client_id."
            );
        }
        if (Claim("response_type") != "vp_token")
        {
            throw new WalletProtocolException(ErrorCodes.UnsupportedResponseType, "Only response_type vp_token is supported.");
        }
        var responseMode = Claim("response_mode") ?? "fragment";
        if (responseMode is not ("direct_post" or "direct_post.jwt"))
        {
            throw new WalletProtocolException(
                ErrorCodes.InvalidRequest,
                $"response_mode '{responseMode}' is not supported; use direct_post or direct_post.jwt."
            );
        }
        if (Claim("redirect_uri") is not null)
        {
            throw new WalletProtocolException(ErrorCodes.InvalidRequest, "redirect_uri must not be present with direct_post.");
        }
        if (
            !Uri.TryCreate(Claim("response_uri"), UriKind.Absolute, out var responseUri)
            || (responseUri.Scheme != Uri.UriSchemeHttps && !(responseUri.Scheme == Uri.UriSchemeHttp && responseUri.IsLoopback))
        )
        {
            throw new WalletProtocolException(ErrorCodes.InvalidRequest, "response_uri must be an https URL.");
        }
        if (prefix == ClientIdPrefixes.X509SanDns && !string.Equals(responseUri.IdnHost, identifier, StringComparison.OrdinalIgnoreCase))
        {
            // §5.9.3: with x509_san_dns the response goes to the host the certificate names.
            throw new WalletProtocolException(
                ErrorCodes.InvalidRequest,
                "response_uri is not on the host the x509_san_dns client identifier names."
            );
        }
        var nonce = Claim("nonce") is { Length: > 0 } n
            ? n
            : throw new WalletProtocolException(ErrorCodes.InvalidRequest, "The request has no nonce.");
        if (walletNonce is not null && Claim("wallet_nonce") != walletNonce)
        {
            throw new WalletProtocolException(
                ErrorCodes.InvalidRequestObject,
                "The request object does not echo this wallet's wallet_nonce."
            );
        }
        if (payload.TryGetProperty("presentation_definition", out _))
        {
            throw new WalletProtocolException(
                ErrorCodes.InvalidRequest,
                "presentation_definition is not part of OpenID4VP 1.0; use dcql_query."
            );
        }
        if (!payload.TryGetProperty("dcql_query", out var dcql))
        {
            throw new WalletProtocolException(ErrorCodes.InvalidRequest, "The request has no dcql_query.");
        }
        JsonElement? metadata =
            payload.TryGetProperty("client_metadata", out var m) && m.ValueKind == JsonValueKind.Object ? m.Clone() : null;
        return new VerifiedPresentationRequest(clientId, responseMode, responseUri, nonce, Claim("state"), DcqlQuery.Parse(dcql), metadata);
    }

    private sealed class DidBoundResolver(DidWebKeyResolver inner, string did) : IJwsKeyResolver
    {
        public ValueTask<VerificationResult<ResolvedKey>> ResolveAsync(ParsedJws jws, CancellationToken cancellationToken)
        {
            // The kid must name a key of the very DID in the client_id, not of any DID.
            if (jws.KeyId is null || DidWebUrl.DidOf(jws.KeyId) != did)
            {
                return ValueTask.FromResult(
                    VerificationResult<ResolvedKey>.Fail(
                        VerificationFailure.KeyNotFound,
                        $"The request object's kid is not a key of {did}."
                    )
                );
            }
            return inner.ResolveAsync(jws, cancellationToken);
        }
    }

    /// <summary><c>x509_hash</c>: the chain leads to a trust anchor and its leaf is the certificate the client_id hashes.</summary>
    private sealed class HashBoundResolver(X5cKeyResolver inner, string hash) : IJwsKeyResolver
    {
        public async ValueTask<VerificationResult<ResolvedKey>> ResolveAsync(ParsedJws jws, CancellationToken cancellationToken)
        {
            var resolved = await inner.ResolveAsync(jws, cancellationToken).ConfigureAwait(false);
            if (
                resolved.Succeeded
                && !string.Equals(
                    System.Buffers.Text.Base64Url.EncodeToString(
                        System.Security.Cryptography.SHA256.HashData(resolved.Value.CertificateChain[0].RawData)
                    ),
                    hash,
                    StringComparison.Ordinal
                )
            )
            {
                return VerificationResult<ResolvedKey>.Fail(
                    VerificationFailure.KeyNotFound,
                    "The x5c leaf certificate is not the one the x509_hash client identifier names."
                );
            }
            return resolved;
        }
    }

    private sealed class SanBoundResolver(X5cKeyResolver inner, string host) : IJwsKeyResolver
    {
        public async ValueTask<VerificationResult<ResolvedKey>> ResolveAsync(ParsedJws jws, CancellationToken cancellationToken)
        {
            var resolved = await inner.ResolveAsync(jws, cancellationToken).ConfigureAwait(false);
            if (resolved.Succeeded && !CertificateChainValidator.MatchesDnsName(resolved.Value.CertificateChain[0], host))
            {
                return VerificationResult<ResolvedKey>.Fail(
                    VerificationFailure.KeyNotFound,
                    $"The x5c leaf certificate does not name {host} as a DNS subject alternative name."
                );
            }
            return resolved;
        }
    }

    /// <summary>
    /// <c>verifier_attestation</c> (OpenID4VP 1.0 sections 5.9.3 and 12): the <c>jwt</c> header holds a
    /// <c>verifier-attestation+jwt</c> signed by a trusted attester, not expired, whose <c>sub</c> is the client
    /// identifier; its <c>cnf.jwk</c> is the key the request object must be signed with.
    /// </summary>
    private sealed class AttestationBoundResolver(IReadOnlyDictionary<string, IJwsKeyResolver> attesters, string subject, TimeProvider time)
        : IJwsKeyResolver
    {
        private static readonly JwsPolicy AttestationPolicy = new()
        {
            AllowedTypes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "verifier-attestation+jwt" },
            RequireExpiration = true,
            MaxTokenLength = 32 * 1024,
        };

        public async ValueTask<VerificationResult<ResolvedKey>> ResolveAsync(ParsedJws jws, CancellationToken cancellationToken)
        {
            var attestation = jws.HeaderString("jwt");
            if (attestation is null)
            {
                return Fail("The request object carries no Verifier Attestation JWT in its jwt header.");
            }
            var unverified = Jws.Parse(attestation, AttestationPolicy);
            if (!unverified.Succeeded)
            {
                return Fail("The Verifier Attestation JWT is not acceptable: " + unverified.Error.Message);
            }
            var issuer = unverified.Value.PayloadString("iss");
            if (issuer is null || !attesters.TryGetValue(issuer, out var keys))
            {
                return Fail($"The Verifier Attestation JWT's issuer '{issuer}' is not one this wallet trusts.");
            }
            var verified = await Jws.VerifyAsync(attestation, AttestationPolicy, keys, time, cancellationToken).ConfigureAwait(false);
            if (!verified.Succeeded)
            {
                return Fail("The Verifier Attestation JWT does not verify: " + verified.Error.Message);
            }
            if (verified.Value.Jws.PayloadString("sub") != subject)
            {
                return Fail($"The Verifier Attestation JWT attests another client than {subject}.");
            }
            var payload = verified.Value.Payload;
            if (
                !payload.TryGetProperty("cnf", out var cnf)
                || cnf.ValueKind != JsonValueKind.Object
                || !cnf.TryGetProperty("jwk", out var jwk)
                || jwk.ValueKind != JsonValueKind.Object
            )
            {
                return Fail("The Verifier Attestation JWT has no cnf.jwk.");
            }
            var key = Jwk.ParsePublic(System.Text.Json.Nodes.JsonNode.Parse(jwk.GetRawText())!.AsObject());
            return key.Succeeded
                ? VerificationResult<ResolvedKey>.Success(new ResolvedKey(key.Value) { Controller = subject })
                : Fail("The Verifier Attestation JWT's cnf.jwk is not a usable key: " + key.Error.Message);
        }

        private static VerificationResult<ResolvedKey> Fail(string message) =>
            VerificationResult<ResolvedKey>.Fail(VerificationFailure.KeyNotFound, message);
    }
}
