using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials;
using GaiaX.Oid4vc.Issuer.Signing;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Issuer.Metadata;

/// <summary>
/// Credential Issuer metadata (OpenID4VCI 1.0 section 12.2) and Authorization Server metadata
/// (RFC 8414), built once from configuration.
/// </summary>
public sealed class IssuerMetadataDocument
{
    public const string SignedMetadataType = "openidvci-issuer-metadata+jwt";

    private readonly IIssuerSigningKey _signingKey;
    private readonly TimeProvider _time;

    public IssuerMetadataDocument(
        IOptions<IssuerOptions> options,
        IssuerEndpoints endpoints,
        IIssuerSigningKey signingKey,
        Clients.ClientAuthenticator clients,
        Encryption.CredentialEncryption encryption,
        TimeProvider time
    )
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(encryption);
        ArgumentNullException.ThrowIfNull(endpoints);
        _signingKey = signingKey;
        _time = time;
        var settings = options.Value;
        CredentialIssuer = endpoints.CredentialIssuer;

        var configurations = new JsonObject();
        foreach (var (id, configuration) in settings.CredentialConfigurations)
        {
            configurations[id] = Configuration(configuration, _signingKey.Algorithm);
        }
        IssuerMetadata = new JsonObject
        {
            ["credential_issuer"] = endpoints.CredentialIssuer,
            ["credential_endpoint"] = endpoints.Url(IssuerEndpoints.Paths.Credential),
            ["nonce_endpoint"] = endpoints.Url(IssuerEndpoints.Paths.Nonce),
            ["deferred_credential_endpoint"] = endpoints.Url(IssuerEndpoints.Paths.DeferredCredential),
            ["notification_endpoint"] = endpoints.Url(IssuerEndpoints.Paths.Notification),
            ["batch_credential_issuance"] = new JsonObject { ["batch_size"] = settings.BatchSize },
            ["credential_configurations_supported"] = configurations,
        };
        if (encryption.RequestMetadata() is { } requestEncryption)
        {
            IssuerMetadata["credential_request_encryption"] = requestEncryption;
            IssuerMetadata["credential_response_encryption"] = encryption.ResponseMetadata();
        }
        if (settings.Display.Count > 0)
        {
            IssuerMetadata["display"] = Display(settings.Display);
        }
        IssuerMetadataJson = Encoding.UTF8.GetBytes(IssuerMetadata.ToJsonString());

        var scopes = new JsonArray();
        foreach (
            var scope in settings.CredentialConfigurations.Values.Select(c => c.Scope).OfType<string>().Distinct(StringComparer.Ordinal)
        )
        {
            scopes.Add(scope);
        }
        AuthorizationServerMetadata = new JsonObject
        {
            ["issuer"] = endpoints.CredentialIssuer,
            ["authorization_endpoint"] = endpoints.Authorize,
            ["token_endpoint"] = endpoints.Token,
            ["pushed_authorization_request_endpoint"] = endpoints.PushedAuthorization,
            ["require_pushed_authorization_requests"] = settings.RequirePushedAuthorizationRequests,
            ["response_types_supported"] = new JsonArray("code"),
            ["response_modes_supported"] = new JsonArray("query"),
            ["grant_types_supported"] = Strings(
                settings.RefreshTokenLifetimeSeconds > 0
                    ? [GrantTypes.AuthorizationCode, GrantTypes.PreAuthorizedCode, GrantTypes.RefreshToken]
                    : [GrantTypes.AuthorizationCode, GrantTypes.PreAuthorizedCode]
            ),
            ["code_challenge_methods_supported"] = new JsonArray("S256"),
            ["token_endpoint_auth_methods_supported"] = Strings(clients.Methods),
            ["dpop_signing_alg_values_supported"] = Strings(GaiaX.Oid4vc.Credentials.Jose.JwsAlgorithms.Verification),
            ["authorization_details_types_supported"] = new JsonArray("openid_credential"),
            ["authorization_response_iss_parameter_supported"] = true,
            ["pre-authorized_grant_anonymous_access_supported"] = true,
            ["scopes_supported"] = scopes,
        };
        var algorithms = GaiaX.Oid4vc.Credentials.Jose.JwsAlgorithms.Verification;
        if (clients.Methods.Contains(Clients.ClientAuthenticationMethods.PrivateKeyJwt))
        {
            AuthorizationServerMetadata["token_endpoint_auth_signing_alg_values_supported"] = Strings(algorithms);
        }
        if (clients.Methods.Contains(Clients.ClientAuthenticationMethods.AttestJwtClientAuth))
        {
            AuthorizationServerMetadata["client_attestation_signing_alg_values_supported"] = Strings(algorithms);
            AuthorizationServerMetadata["client_attestation_pop_signing_alg_values_supported"] = Strings(algorithms);
            AuthorizationServerMetadata["challenge_endpoint"] = endpoints.Url(IssuerEndpoints.Paths.AttestationChallenge);
        }
        AuthorizationServerMetadataJson = Encoding.UTF8.GetBytes(AuthorizationServerMetadata.ToJsonString());
    }

    public string CredentialIssuer { get; }

    public JsonObject IssuerMetadata { get; }

    public byte[] IssuerMetadataJson { get; }

    public JsonObject AuthorizationServerMetadata { get; }

    public byte[] AuthorizationServerMetadataJson { get; }

    /// <summary>
    /// The metadata as a JWS (section 12.2.3): <c>typ: openidvci-issuer-metadata+jwt</c>, every
    /// parameter a top-level claim, <c>sub</c> = the Credential Issuer Identifier, <c>iat</c>, <c>kid</c> naming the issuer's
    /// DID verification method, and the key itself for wallets that do not resolve DIDs (the conformance suite verifies with
    /// the header alone): the certificate chain as <c>x5c</c> (HAIP), or the public <c>jwk</c> when the key has none.
    /// </summary>
    public string Signed()
    {
        var payload = (JsonObject)IssuerMetadata.DeepClone();
        payload["iss"] = _signingKey.IssuerDid;
        payload["sub"] = CredentialIssuer;
        payload["iat"] = _time.GetUtcNow().ToUnixTimeSeconds();
        payload["exp"] = _time.GetUtcNow().AddDays(1).ToUnixTimeSeconds();
        var header = new JsonObject { ["typ"] = SignedMetadataType, ["kid"] = _signingKey.KeyId };
        if (_signingKey.Key.X5c.Count > 0)
        {
            header["x5c"] = new JsonArray([.. _signingKey.Key.X5c.Select(c => (JsonNode)c)]);
        }
        else
        {
            header["jwk"] = _signingKey.Key.PublicKey.ToJwk();
        }
        return _signingKey.Sign(header, JsonSerializer.SerializeToUtf8Bytes(payload));
    }

    private static JsonObject Configuration(CredentialConfigurationOptions configuration, string signingAlg)
    {
        var node = new JsonObject { ["format"] = configuration.Format };
        if (configuration.Scope is { } scope)
        {
            node["scope"] = scope;
        }
        node["credential_signing_alg_values_supported"] = new JsonArray(signingAlg);
        if (CredentialConfigurationCatalog.RequiresProof(configuration))
        {
            node["cryptographic_binding_methods_supported"] = new JsonArray("jwk", "did:jwk");
            var jwt = new JsonObject
            {
                ["proof_signing_alg_values_supported"] = Strings(GaiaX.Oid4vc.Credentials.Jose.JwsAlgorithms.Verification),
            };
            node["proof_types_supported"] = new JsonObject { ["jwt"] = jwt };
            if (configuration.KeyAttestations.Active)
            {
                var required = new JsonObject();
                if (configuration.KeyAttestations.KeyStorage.Count > 0)
                {
                    required["key_storage"] = Strings(configuration.KeyAttestations.KeyStorage);
                }
                if (configuration.KeyAttestations.UserAuthentication.Count > 0)
                {
                    required["user_authentication"] = Strings(configuration.KeyAttestations.UserAuthentication);
                }
                jwt["key_attestations_required"] = required;
                // The attestation proof type (appendix F.3): the attestation alone, no proof of possession.
                node["proof_types_supported"]!["attestation"] = new JsonObject
                {
                    ["proof_signing_alg_values_supported"] = Strings(GaiaX.Oid4vc.Credentials.Jose.JwsAlgorithms.Verification),
                    ["key_attestations_required"] = required.DeepClone(),
                };
            }
        }
        if (configuration.Format == CredentialFormats.JwtVcJson)
        {
            node["credential_definition"] = new JsonObject { ["type"] = Strings(configuration.Types) };
        }
        else
        {
            node["vct"] = configuration.Vct;
        }
        var credentialMetadata = new JsonObject();
        if (configuration.Display.Count > 0)
        {
            credentialMetadata["display"] = Display(configuration.Display);
        }
        if (configuration.Claims.Count > 0)
        {
            var claims = new JsonArray();
            foreach (var claim in configuration.Claims)
            {
                // Configured paths name the subject's claims (what an offer carries); a claims path
                // pointer in metadata starts at the credential (appendix C), so for a W3C VC it
                // begins with credentialSubject.
                var entry = new JsonObject
                {
                    ["path"] = Strings(
                        configuration.Format == CredentialFormats.JwtVcJson ? ["credentialSubject", .. claim.Path] : claim.Path
                    ),
                };
                if (claim.Mandatory)
                {
                    entry["mandatory"] = true;
                }
                if (claim.Display.Count > 0)
                {
                    entry["display"] = Display(claim.Display);
                }
                claims.Add(entry);
            }
            credentialMetadata["claims"] = claims;
        }
        node["credential_metadata"] = credentialMetadata;
        return node;
    }

    private static JsonArray Display(IEnumerable<DisplayOptions> entries)
    {
        var array = new JsonArray();
        foreach (var entry in entries)
        {
            var node = new JsonObject();
            if (entry.Name is { } name)
            {
                node["name"] = name;
            }
            if (entry.Locale is { } locale)
            {
                node["locale"] = locale;
            }
            if (entry.Description is { } description)
            {
                node["description"] = description;
            }
            if (entry.LogoUri is { } logo)
            {
                node["logo"] = new JsonObject { ["uri"] = logo };
            }
            if (entry.BackgroundColor is { } background)
            {
                node["background_color"] = background;
            }
            if (entry.TextColor is { } text)
            {
                node["text_color"] = text;
            }
            array.Add(node);
        }
        return array;
    }

    private static JsonArray Strings(IEnumerable<string> values)
    {
        var array = new JsonArray();
        foreach (var value in values)
        {
            array.Add(value);
        }
        return array;
    }
}
