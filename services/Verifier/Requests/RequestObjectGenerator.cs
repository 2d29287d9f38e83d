using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Verifier.Identity;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Verifier.Requests;

/// <summary>
/// Builds the signed request object (JAR, RFC 9101) a wallet fetches from the request URI
/// (OpenID4VP 1.0 §5): header <c>typ: oauth-authz-req+jwt</c>, signed with the DID key (<c>kid</c>
/// is a DID URL of the client identifier's DID) or with the X.509 leaf (<c>x5c</c>).
/// </summary>
public sealed class RequestObjectGenerator(
    IVerifierIdentity identity,
    IPresentationRequestStore store,
    IOptions<VerifierOptions> options,
    TimeProvider time
)
{
    public const string MediaType = "application/oauth-authz-req+jwt";

    /// <summary>The <c>aud</c> of a request object under static discovery (§5.8).</summary>
    public const string StaticDiscoveryAudience = "https://self-issued.me/v2";

    /// <summary>Algorithms the Verifier accepts for presentations and their holder-binding proofs.</summary>
    public static IReadOnlyList<string> SignatureAlgorithms { get; } =
    ["ES256", "ES384", "ES512", "EdDSA", "PS256", "PS384", "PS512", "RS256"];

    /// <summary>Content encryption algorithms accepted for <c>direct_post.jwt</c>.</summary>
    public static IReadOnlyList<string> EncryptionMethods { get; } = ["A128GCM", "A256GCM"];

    public string ClientIdFor(string prefix) =>
        prefix switch
        {
            ClientIdPrefixes.DecentralizedIdentifier => $"{ClientIdPrefixes.DecentralizedIdentifier}:{identity.Did}",
            ClientIdPrefixes.X509SanDns => ClientIdPrefixes.X509SanDns
                + ":"
                + (identity.X509?.DnsName ?? throw new InvalidOperationException("No X.509 identity is configured.")),
            ClientIdPrefixes.X509Hash => ClientIdPrefixes.X509Hash
                + ":"
                + ClientIdPrefixes.X509HashOf(
                    (identity.X509 ?? throw new InvalidOperationException("No X.509 identity is configured.")).SigningKey.CertificateChain[
                        0
                    ]
                ),
            ClientIdPrefixes.VerifierAttestation => ClientIdPrefixes.VerifierAttestation
                + ":"
                + (identity.Attestation ?? throw new InvalidOperationException("No verifier attestation is configured.")).Subject,
            _ => throw new ArgumentOutOfRangeException(nameof(prefix), prefix, "Unsupported client identifier prefix."),
        };

    public string ResponseUri(string requestId) => $"{options.Value.PublicBaseUrl.TrimEnd('/')}/response/{Uri.EscapeDataString(requestId)}";

    public string RequestUri(string requestId) => $"{options.Value.PublicBaseUrl.TrimEnd('/')}/request/{Uri.EscapeDataString(requestId)}";

    /// <summary>
    /// Answers a validated fetch of the request URI with the signed request object, and records that
    /// the request was retrieved.
    /// </summary>
    public async Task<string> GenerateAsync(ValidatedRequestObjectRequest validated, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(validated);
        var request = validated.Stored.Request;
        var jwt = Create(request, validated.WalletNonce, validated.WalletIssuer);
        if (request.Status == PresentationRequestStatus.Pending)
        {
            // Losing this race only means another fetch recorded the retrieval first.
            var retrieved = PresentationRequestLifecycle.Retrieved(request, time.GetUtcNow());
            await store.TryReplaceAsync(retrieved, validated.Stored.ETag, cancellationToken).ConfigureAwait(false);
        }
        return jwt;
    }

    /// <summary>Signs the request object for <paramref name="request"/>.</summary>
    /// <param name="walletNonce">The wallet's <c>wallet_nonce</c> (request URI method <c>post</c>), echoed in the object.</param>
    /// <param name="walletIssuer">The wallet's <c>issuer</c> from its metadata, which becomes the <c>aud</c>.</param>
    public string Create(PresentationRequest request, string? walletNonce = null, string? walletIssuer = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var payload = new JsonObject
        {
            ["client_id"] = request.ClientId,
            ["response_type"] = "vp_token",
            ["response_mode"] = request.ResponseMode,
            ["response_uri"] = ResponseUri(request.Id),
            ["nonce"] = request.Nonce,
            ["state"] = request.State,
            ["dcql_query"] = JsonNode.Parse(request.DcqlQuery.GetRawText()),
            ["client_metadata"] = ClientMetadata(request),
            ["aud"] = walletIssuer ?? StaticDiscoveryAudience,
            ["iat"] = time.GetUtcNow().ToUnixTimeSeconds(),
            ["exp"] = request.ExpiresAt.ToUnixTimeSeconds(),
        };
        if (walletNonce is not null)
        {
            payload["wallet_nonce"] = walletNonce;
        }
        if (request.TransactionData is { } transactionData)
        {
            payload["transaction_data"] = new JsonArray(transactionData.Select(t => (JsonNode)JsonValue.Create(t)!).ToArray());
        }

        var header = new JsonObject { ["typ"] = "oauth-authz-req+jwt" };
        SigningKey key;
        if (ClientIdPrefixes.IsX509(request.ClientIdPrefix))
        {
            key = (identity.X509 ?? throw new InvalidOperationException("No X.509 identity is configured.")).SigningKey;
            // With x5c in the header the wallet takes the key from the leaf; no kid is added.
            header["x5c"] = new JsonArray(key.X5c.Select(c => (JsonNode)JsonValue.Create(c)!).ToArray());
        }
        else if (request.ClientIdPrefix == ClientIdPrefixes.VerifierAttestation)
        {
            // Section 5.9.3: the attestation rides in the jwt header; its cnf.jwk is the service key that signs.
            key = identity.SigningKey;
            header["jwt"] = (identity.Attestation ?? throw new InvalidOperationException("No verifier attestation is configured.")).Jwt;
        }
        else
        {
            // Jws.Create adds the service key's kid: a DID URL of the client identifier's DID.
            key = identity.SigningKey;
        }
        return Jws.Create(header, payload, key);
    }

    private static JsonObject ClientMetadata(PresentationRequest request)
    {
        var algorithms = new JsonArray(SignatureAlgorithms.Select(a => (JsonNode)JsonValue.Create(a)!).ToArray());
        var metadata = new JsonObject
        {
            ["vp_formats_supported"] = new JsonObject
            {
                ["jwt_vc_json"] = new JsonObject { ["alg_values"] = algorithms.DeepClone() },
                ["dc+sd-jwt"] = new JsonObject
                {
                    ["sd-jwt_alg_values"] = algorithms.DeepClone(),
                    ["kb-jwt_alg_values"] = algorithms.DeepClone(),
                },
            },
        };
        if (request.EncryptionKey is { } key)
        {
            metadata["jwks"] = new JsonObject
            {
                ["keys"] = new JsonArray(
                    new JsonObject
                    {
                        ["kty"] = "EC",
                        ["crv"] = "P-256",
                        ["x"] = key.X,
                        ["y"] = key.Y,
                        ["kid"] = key.Kid,
                        ["use"] = "enc",
                        ["alg"] = "ECDH-ES",
                    }
                ),
            };
            metadata["encrypted_response_enc_values_supported"] = new JsonArray(
                EncryptionMethods.Select(a => (JsonNode)JsonValue.Create(a)!).ToArray()
            );
        }
        return metadata;
    }

    /// <summary>A fresh P-256 key pair for one request's encrypted response.</summary>
    public static EphemeralEncryptionKey NewEncryptionKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = key.ExportParameters(includePrivateParameters: true);
        return new EphemeralEncryptionKey(
            Random(8),
            Base64Url.EncodeToString(parameters.Q.X),
            Base64Url.EncodeToString(parameters.Q.Y),
            Base64Url.EncodeToString(parameters.D)
        );
    }

    /// <summary>A URL-safe random value with <paramref name="bytes"/> × 8 bits of entropy.</summary>
    public static string Random(int bytes = 16) => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(bytes));
}
