using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Duende.IdentityModel;
using Duende.IdentityModel.Client;

namespace Issuer.Tests;

/// <summary>An Issuer under <c>Issuer:Profile=haip</c> trusting one wallet provider.</summary>
public sealed class HaipIssuerFixture : IAsyncLifetime
{
    public const string WalletProvider = "https://wallet-provider.example";

    public ECDsa AttesterKey { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public IssuerFixture Issuer { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Issuer = new IssuerFixture
        {
            ExtraArgs =
            [
                "--Issuer:Profile=haip",
                $"--Issuer:ClientAttestation:Attesters:0:Issuer={WalletProvider}",
                "--Issuer:ClientAttestation:Attesters:0:Jwks=" + ClientAuthenticationFixture.Jwks(AttesterKey, "a1"),
            ],
        };
        return Issuer.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Issuer.DisposeAsync();
        AttesterKey.Dispose();
    }
}

/// <summary>What <c>Issuer:Profile=haip</c> turns on and what it refuses.</summary>
public sealed class HaipProfileTests(HaipIssuerFixture haip) : IClassFixture<HaipIssuerFixture>
{
    private IssuerFixture Issuer => haip.Issuer;

    private (string Attestation, string Pop) Attest(ECDsa instance, string clientId)
    {
        var now = Issuer.Time.GetUtcNow().ToUnixTimeSeconds();
        var attestation = ClientAuthenticationFixture.Sign(haip.AttesterKey, "oauth-client-attestation+jwt", new Dictionary<string, object>
        {
            ["iss"] = HaipIssuerFixture.WalletProvider,
            ["sub"] = clientId,
            ["exp"] = now + 3600,
            ["cnf"] = new Dictionary<string, object> { ["jwk"] = ClientAuthenticationFixture.PublicJwk(instance) },
        }, "a1");
        var pop = ClientAuthenticationFixture.Sign(instance, "oauth-client-attestation-pop+jwt", new Dictionary<string, object>
        {
            ["aud"] = Issuer.IssuerId,
            ["iat"] = now,
            ["jti"] = Guid.NewGuid().ToString("N"),
        });
        return (attestation, pop);
    }

    [Fact]
    public async Task Haip_metadata_offers_attested_clients_only_and_requires_PAR()
    {
        var metadata = JsonNode.Parse(await Issuer.Client.GetStringAsync("/.well-known/oauth-authorization-server"))!;

        Assert.Equal(["attest_jwt_client_auth"], metadata["token_endpoint_auth_methods_supported"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.True(metadata["require_pushed_authorization_requests"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Haip_refuses_a_public_client_at_par_with_invalid_client()
    {
        var response = await Issuer.Client.PushAuthorizationAsync(ParRequests.For(Issuer, "public-wallet"));

        Assert.Equal(OidcConstants.TokenErrors.InvalidClient, response.Error);
    }

    [Fact]
    public async Task Haip_refuses_a_token_request_without_DPoP_and_grants_one_with_it()
    {
        using var wallet = Issuer.NewWallet();
        using var instance = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var created = await Issuer.CreateOfferAsync(IssuerFixture.LegalPersonOffer(txCode: false));
        var code = TestWallet.PreAuthorizedCode(created["credential_offer"]!.AsObject());
        TokenRequest Token(string? dpop)
        {
            var (attestation, pop) = Attest(instance, "haip-wallet");
            var request = new TokenRequest
            {
                Address = Issuer.IssuerId + "/token",
                GrantType = "urn:ietf:params:oauth:grant-type:pre-authorized_code",
                ClientId = "haip-wallet",
                ClientCredentialStyle = ClientCredentialStyle.PostBody,
                Parameters = { { "pre-authorized_code", code } },
                DPoPProofToken = dpop,
            };
            request.Headers.Add("OAuth-Client-Attestation", attestation);
            request.Headers.Add("OAuth-Client-Attestation-PoP", pop);
            return request;
        }

        var without = await Issuer.Client.RequestTokenAsync(Token(null));
        Assert.Equal("invalid_dpop_proof", without.Error);

        var with = await Issuer.Client.RequestTokenAsync(Token(wallet.DpopProof(wallet.NewKey(), "POST", Issuer.IssuerId + "/token")));
        Assert.False(with.IsError, with.Raw);
        Assert.Equal("DPoP", with.TokenType);
    }

    [Fact]
    public async Task Haip_SD_JWT_VCs_carry_the_x5c_chain_whose_leaf_verifies_them()
    {
        using var wallet = Issuer.NewWallet();
        using var instance = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var dpopKey = wallet.NewKey();
        var created = await Issuer.CreateOfferAsync(IssuerFixture.LegalPersonOffer(txCode: false, configuration: "LegalPerson_dc_sd_jwt"));
        var (attestation, pop) = Attest(instance, "haip-wallet-x5c");
        var request = new TokenRequest
        {
            Address = Issuer.IssuerId + "/token",
            GrantType = "urn:ietf:params:oauth:grant-type:pre-authorized_code",
            ClientId = "haip-wallet-x5c",
            ClientCredentialStyle = ClientCredentialStyle.PostBody,
            Parameters = { { "pre-authorized_code", TestWallet.PreAuthorizedCode(created["credential_offer"]!.AsObject()) } },
            DPoPProofToken = wallet.DpopProof(dpopKey, "POST", Issuer.IssuerId + "/token"),
        };
        request.Headers.Add("OAuth-Client-Attestation", attestation);
        request.Headers.Add("OAuth-Client-Attestation-PoP", pop);
        var token = await Issuer.Client.RequestTokenAsync(request);
        Assert.False(token.IsError, token.Raw);

        var (status, body, _) = await wallet.RequestCredentialAsync(token.AccessToken!, new
        {
            credential_configuration_id = "LegalPerson_dc_sd_jwt",
            proofs = new { jwt = new[] { wallet.Proof(wallet.NewKey(), await wallet.NonceAsync()) } },
        }, dpopKey);

        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        var jwt = body!["credentials"]![0]!["credential"]!.GetValue<string>().Split('~')[0];
        var header = JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(jwt.Split('.')[0]))!;
        using var leaf = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(
            Convert.FromBase64String(header["x5c"]![0]!.GetValue<string>()));
        var validation = await new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().ValidateTokenAsync(jwt,
            new Microsoft.IdentityModel.Tokens.TokenValidationParameters
            {
                IssuerSigningKey = new Microsoft.IdentityModel.Tokens.ECDsaSecurityKey(
                    System.Security.Cryptography.X509Certificates.ECDsaCertificateExtensions.GetECDsaPublicKey(leaf)),
                ValidateIssuer = false,
                ValidateAudience = false,
                ValidTypes = ["dc+sd-jwt"],
            });
        Assert.True(validation.IsValid, validation.Exception?.Message);
    }

    [Theory]
    [InlineData("--Issuer:Profile=haip", "Issuer:Profile")]
    [InlineData("--Issuer:Profile=fapi-ish", "Issuer:Profile")]
    public async Task A_profile_the_configuration_cannot_meet_stops_the_Issuer_at_start(string setting, string named)
    {
        var failure = await IssuerFixture.StartFailureAsync(setting);

        Assert.Contains(named, failure.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// fapi2-security-profile-final-discovery-end-point-verification as the haip issuer plan runs it (VCIHaipProfileBehavior):
    /// code flow, PAR required, attestation among the client authentication methods, DPoP algorithms, iss in the
    /// authorization response, a scope on every credential configuration and a nonce endpoint.
    /// </summary>
    [Fact]
    public async Task Fapi2_security_profile_final_discovery_end_point_verification_under_vci_haip()
    {
        var authorizationServer = JsonNode.Parse(await Issuer.Client.GetStringAsync("/.well-known/oauth-authorization-server"))!;
        var issuer = JsonNode.Parse(await Issuer.Client.GetStringAsync("/.well-known/openid-credential-issuer"))!;

        Assert.Contains("code", authorizationServer["response_types_supported"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Contains("authorization_code", authorizationServer["grant_types_supported"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.StartsWith(Issuer.IssuerId, authorizationServer["pushed_authorization_request_endpoint"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(authorizationServer["require_pushed_authorization_requests"]!.GetValue<bool>());
        Assert.NotNull(authorizationServer["authorization_endpoint"]);
        Assert.Contains("attest_jwt_client_auth", authorizationServer["token_endpoint_auth_methods_supported"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Contains("ES256", authorizationServer["dpop_signing_alg_values_supported"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.True(authorizationServer["authorization_response_iss_parameter_supported"]!.GetValue<bool>());
        Assert.Equal(["S256"], authorizationServer["code_challenge_methods_supported"]!.AsArray().Select(v => v!.GetValue<string>()));
        // VCIEnsureScopePresentInCredentialConfigurationForHaip, VCIValidateNonceEndpointInIssuerMetadata.
        Assert.All(issuer["credential_configurations_supported"]!.AsObject(), c => Assert.False(string.IsNullOrEmpty((string?)c.Value!["scope"])));
        Assert.NotNull(issuer["nonce_endpoint"]);
    }
}
