using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Duende.IdentityModel;
using Duende.IdentityModel.Client;

namespace Issuer.Tests;

/// <summary>
/// Client authentication at <c>/par</c> and <c>/token</c>, over HTTP as the conformance suite's client-authentication
/// variants drive it: <c>private_key_jwt</c> (RFC 7523) and attestation-based client authentication, each failure an
/// <c>invalid_client</c> named for the rule it broke.
/// </summary>
public sealed class ClientAuthenticationTests(ClientAuthenticationFixture fixture) : IClassFixture<ClientAuthenticationFixture>
{
    private IssuerFixture Issuer => fixture.Issuer;

    private static (string Verifier, string Challenge) Pkce()
    {
        var verifier = CryptoRandom.CreateUniqueId(48);
        return (verifier, System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }

    private Duende.IdentityModel.Client.PushedAuthorizationRequest Par(string clientId, string challenge, string? issuerState = null) =>
        ParRequests.For(Issuer, clientId, challenge, issuerState);

    private static ClientAssertion Assertion(string value) => new() { Type = OidcConstants.ClientAssertionTypes.JwtBearer, Value = value };

    private Task<PushedAuthorizationResponse> PushWithAssertionAsync(string assertion, string clientId = ClientAuthenticationFixture.RegisteredClient)
    {
        var request = Par(clientId, Pkce().Challenge);
        request.ClientAssertion = Assertion(assertion);
        return Issuer.Client.PushAuthorizationAsync(request);
    }

    private Task<PushedAuthorizationResponse> PushWithAttestationAsync(string? attestation, string? pop, string clientId = "wallet-instance-1")
    {
        var request = Par(clientId, Pkce().Challenge);
        if (attestation is not null)
        {
            request.Headers.Add("OAuth-Client-Attestation", attestation);
        }
        if (pop is not null)
        {
            request.Headers.Add("OAuth-Client-Attestation-PoP", pop);
        }
        return Issuer.Client.PushAuthorizationAsync(request);
    }

    private static void AssertInvalidClient(ProtocolResponse response, string because)
    {
        Assert.Equal(OidcConstants.TokenErrors.InvalidClient, response.Error);
        Assert.Equal(HttpStatusCode.BadRequest, response.HttpStatusCode);
        Assert.Contains(because, response.Raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metadata_lists_every_client_authentication_method_and_its_algorithms()
    {
        var metadata = JsonNode.Parse(await Issuer.Client.GetStringAsync("/.well-known/oauth-authorization-server"))!;

        Assert.Equal(["none", "private_key_jwt", "attest_jwt_client_auth"],
            metadata["token_endpoint_auth_methods_supported"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Contains("ES256", metadata["token_endpoint_auth_signing_alg_values_supported"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Contains("ES256", metadata["client_attestation_signing_alg_values_supported"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Contains("ES256", metadata["client_attestation_pop_signing_alg_values_supported"]!.AsArray().Select(a => a!.GetValue<string>()));
    }

    [Fact]
    public async Task Par_with_a_private_key_jwt_of_a_registered_client_is_accepted()
    {
        var response = await PushWithAssertionAsync(fixture.ClientAssertion());

        Assert.False(response.IsError, response.Raw);
        Assert.StartsWith("urn:ietf:params:oauth:request_uri:", response.RequestUri);
    }

    [Fact]
    public async Task A_client_assertion_signed_with_another_key_is_invalid_client()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        AssertInvalidClient(await PushWithAssertionAsync(fixture.ClientAssertion(key: other)), "does not verify");
    }

    [Fact]
    public async Task A_client_assertion_for_another_audience_is_invalid_client()
    {
        AssertInvalidClient(await PushWithAssertionAsync(fixture.ClientAssertion(c => c["aud"] = "https://other-as.example")), "aud");
    }

    [Fact]
    public async Task A_client_assertion_used_twice_is_invalid_client_the_second_time()
    {
        var assertion = fixture.ClientAssertion();
        Assert.False((await PushWithAssertionAsync(assertion)).IsError);

        AssertInvalidClient(await PushWithAssertionAsync(assertion), "used before");
    }

    [Fact]
    public async Task An_expired_client_assertion_is_invalid_client()
    {
        AssertInvalidClient(await PushWithAssertionAsync(fixture.ClientAssertion(c => c["exp"] = fixture.Now - 300)), "expired");
    }

    [Fact]
    public async Task A_client_assertion_without_jti_is_invalid_client()
    {
        AssertInvalidClient(await PushWithAssertionAsync(fixture.ClientAssertion(c => c.Remove("jti"))), "jti");
    }

    [Fact]
    public async Task A_client_assertion_valid_for_more_than_an_hour_is_invalid_client()
    {
        AssertInvalidClient(await PushWithAssertionAsync(fixture.ClientAssertion(c => c["exp"] = fixture.Now + 7200)), "longer than an hour");
    }

    [Fact]
    public async Task A_client_assertion_of_an_unregistered_client_is_invalid_client()
    {
        var assertion = fixture.ClientAssertion(c => (c["iss"], c["sub"]) = ("someone-else", "someone-else"));

        AssertInvalidClient(await PushWithAssertionAsync(assertion, "someone-else"), "not registered");
    }

    [Fact]
    public async Task A_client_id_other_than_the_assertions_is_invalid_client()
    {
        AssertInvalidClient(await PushWithAssertionAsync(fixture.ClientAssertion(), "test-wallet"), "does not match");
    }

    [Fact]
    public async Task An_unsupported_client_assertion_type_is_invalid_client()
    {
        var request = Par(ClientAuthenticationFixture.RegisteredClient, Pkce().Challenge);
        request.ClientAssertion = new ClientAssertion { Type = "urn:ietf:params:oauth:client-assertion-type:saml2-bearer", Value = fixture.ClientAssertion() };

        AssertInvalidClient(await Issuer.Client.PushAuthorizationAsync(request), "client_assertion_type");
    }

    [Fact]
    public async Task A_registered_client_that_does_not_authenticate_is_invalid_client()
    {
        var response = await Issuer.Client.PushAuthorizationAsync(Par(ClientAuthenticationFixture.RegisteredClient, Pkce().Challenge));

        AssertInvalidClient(response, "must authenticate");
    }

    [Fact]
    public async Task A_public_client_is_still_accepted_when_authentication_is_not_required()
    {
        var response = await Issuer.Client.PushAuthorizationAsync(Par("public-wallet", Pkce().Challenge));

        Assert.False(response.IsError, response.Raw);
    }

    [Fact]
    public async Task Two_client_authentication_methods_in_one_request_are_invalid_request()
    {
        using var instance = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = Par(ClientAuthenticationFixture.RegisteredClient, Pkce().Challenge);
        request.ClientAssertion = Assertion(fixture.ClientAssertion());
        request.Headers.Add("OAuth-Client-Attestation", fixture.Attestation(instance, ClientAuthenticationFixture.RegisteredClient));
        request.Headers.Add("OAuth-Client-Attestation-PoP", fixture.AttestationPop(instance, ClientAuthenticationFixture.RegisteredClient));

        var response = await Issuer.Client.PushAuthorizationAsync(request);

        Assert.Equal(OidcConstants.AuthorizeErrors.InvalidRequest, response.Error);
    }

    [Fact]
    public async Task Par_with_a_client_attestation_and_its_proof_of_possession_is_accepted()
    {
        using var instance = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var response = await PushWithAttestationAsync(fixture.Attestation(instance, "wallet-instance-1"), fixture.AttestationPop(instance, "wallet-instance-1"));

        Assert.False(response.IsError, response.Raw);
    }

    [Fact]
    public async Task Par_with_a_HAIP_attestation_whose_x5c_chain_leads_to_the_wallet_providers_anchor_is_accepted()
    {
        using var instance = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var response = await PushWithAttestationAsync(fixture.HaipAttestation(instance, "wallet-instance-1"), fixture.AttestationPop(instance, "wallet-instance-1"));

        Assert.False(response.IsError, response.Raw);
    }

    /// <summary>A client attestation whose signature does not verify with the wallet provider's key is invalid_client.</summary>
    [Fact]
    public async Task Oid4vci_1_0_issuer_fail_invalid_client_attestation_signature()
    {
        using var instance = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var forger = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var response = await PushWithAttestationAsync(fixture.Attestation(instance, "wallet-instance-1", signer: forger), fixture.AttestationPop(instance, "wallet-instance-1"));

        AssertInvalidClient(response, "client attestation does not verify");
    }

    /// <summary>A proof of possession signed by a key other than the attested one (ReplaceClientInstanceKeyWithNewKey).</summary>
    [Fact]
    public async Task Oid4vci_1_0_issuer_fail_mismatched_client_attestation_pop_key()
    {
        using var instance = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var response = await PushWithAttestationAsync(fixture.Attestation(instance, "wallet-instance-1"), fixture.AttestationPop(other, "wallet-instance-1"));

        AssertInvalidClient(response, "does not verify with cnf.jwk");
    }

    /// <summary>A proof of possession whose signature bytes were altered (VCIInvalidateClientAttestationPopSignature).</summary>
    [Fact]
    public async Task Oid4vci_1_0_issuer_fail_invalid_client_attestation_pop_signature()
    {
        using var instance = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pop = fixture.AttestationPop(instance, "wallet-instance-1");
        var signature = pop[(pop.LastIndexOf('.') + 1)..].ToCharArray();
        signature[5] = signature[5] == 'A' ? 'B' : 'A';

        var response = await PushWithAttestationAsync(fixture.Attestation(instance, "wallet-instance-1"), pop[..(pop.LastIndexOf('.') + 1)] + new string(signature));

        AssertInvalidClient(response, "does not verify with cnf.jwk");
    }

    /// <summary>An attestation whose exp has passed is invalid_client.</summary>
    [Fact]
    public async Task Oid4vci_1_0_issuer_fail_client_attestation_exp_in_past()
    {
        using var instance = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var attestation = fixture.Attestation(instance, "wallet-instance-1", c => (c["iat"], c["nbf"], c["exp"]) = (fixture.Now - 7200, fixture.Now - 7200, fixture.Now - 3600));

        AssertInvalidClient(await PushWithAttestationAsync(attestation, fixture.AttestationPop(instance, "wallet-instance-1")), "expired");
    }

    /// <summary>An attestation without sub (the client_id it vouches for) is invalid_client.</summary>
    [Fact]
    public async Task Oid4vci_1_0_issuer_fail_client_attestation_no_sub()
    {
        using var instance = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var attestation = fixture.Attestation(instance, "wallet-instance-1", c => c.Remove("sub"));

        AssertInvalidClient(await PushWithAttestationAsync(attestation, fixture.AttestationPop(instance, "wallet-instance-1")), "no sub");
    }

    /// <summary>A proof of possession for another authorization server is invalid_client.</summary>
    [Fact]
    public async Task Oid4vci_1_0_issuer_fail_client_attestation_pop_wrong_aud()
    {
        using var instance = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pop = fixture.AttestationPop(instance, "wallet-instance-1", c => c["aud"] = "https://other-as.example");

        AssertInvalidClient(await PushWithAttestationAsync(fixture.Attestation(instance, "wallet-instance-1"), pop), "aud");
    }

    [Fact]
    public async Task A_proof_of_possession_used_twice_is_invalid_client_the_second_time()
    {
        using var instance = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var attestation = fixture.Attestation(instance, "wallet-instance-1");
        var pop = fixture.AttestationPop(instance, "wallet-instance-1");
        Assert.False((await PushWithAttestationAsync(attestation, pop)).IsError);

        AssertInvalidClient(await PushWithAttestationAsync(attestation, pop), "used before");
    }

    [Fact]
    public async Task A_stale_proof_of_possession_is_invalid_client()
    {
        using var instance = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pop = fixture.AttestationPop(instance, "wallet-instance-1", c => (c["iat"], c["exp"]) = (fixture.Now - 3600, fixture.Now + 300));

        AssertInvalidClient(await PushWithAttestationAsync(fixture.Attestation(instance, "wallet-instance-1"), pop), "proof of possession");
    }

    [Fact]
    public async Task An_attestation_from_a_wallet_provider_not_trusted_is_invalid_client()
    {
        using var instance = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var attestation = fixture.Attestation(instance, "wallet-instance-1", c => c["iss"] = "https://rogue-provider.example");

        AssertInvalidClient(await PushWithAttestationAsync(attestation, fixture.AttestationPop(instance, "wallet-instance-1")), "not a trusted wallet provider");
    }

    [Fact]
    public async Task An_attestation_for_another_client_id_is_invalid_client()
    {
        using var instance = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var attestation = fixture.Attestation(instance, "wallet-instance-2");

        AssertInvalidClient(await PushWithAttestationAsync(attestation, fixture.AttestationPop(instance, "wallet-instance-2"), "wallet-instance-1"), "does not match");
    }

    [Fact]
    public async Task An_attestation_without_its_proof_of_possession_is_invalid_client()
    {
        using var instance = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        AssertInvalidClient(await PushWithAttestationAsync(fixture.Attestation(instance, "wallet-instance-1"), null), "exactly one");
    }

    [Fact]
    public async Task An_attestation_without_cnf_is_invalid_client()
    {
        using var instance = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var attestation = fixture.Attestation(instance, "wallet-instance-1", c => c.Remove("cnf"));

        AssertInvalidClient(await PushWithAttestationAsync(attestation, fixture.AttestationPop(instance, "wallet-instance-1")), "cnf.jwk");
    }

    [Fact]
    public async Task The_code_of_a_private_key_jwt_client_is_redeemed_only_by_that_client_authenticating_again()
    {
        var created = await Issuer.CreateOfferAsync(IssuerFixture.LegalPersonOffer(txCode: false));
        var issuerState = created["credential_offer"]!["grants"]!["authorization_code"]!["issuer_state"]!.GetValue<string>();
        var (verifier, challenge) = Pkce();
        var par = Par(ClientAuthenticationFixture.RegisteredClient, challenge, issuerState);
        par.ClientAssertion = Assertion(fixture.ClientAssertion());
        var pushed = await Issuer.Client.PushAuthorizationAsync(par);
        Assert.False(pushed.IsError, pushed.Raw);
        var code = await IssuanceFlowTests.AuthorizeAsync(Issuer, ClientAuthenticationFixture.RegisteredClient, pushed.RequestUri!);
        AuthorizationCodeTokenRequest Token() => new()
        {
            Address = Issuer.IssuerId + "/token",
            ClientId = ClientAuthenticationFixture.RegisteredClient,
            ClientCredentialStyle = ClientCredentialStyle.PostBody,
            Code = code["code"],
            RedirectUri = "https://wallet.example/cb",
            CodeVerifier = verifier,
        };

        AssertInvalidClient(await Issuer.Client.RequestAuthorizationCodeTokenAsync(Token()), "must authenticate");
        var authenticated = Token();
        authenticated.ClientAssertion = Assertion(fixture.ClientAssertion(c => c["aud"] = Issuer.IssuerId + "/token"));
        var token = await Issuer.Client.RequestAuthorizationCodeTokenAsync(authenticated);

        Assert.False(token.IsError, token.Raw);
    }

    private async Task<(Dictionary<string, string> Code, string Verifier)> AttestedCodeAsync(ECDsa instance, string wallet)
    {
        var created = await Issuer.CreateOfferAsync(IssuerFixture.LegalPersonOffer(txCode: false));
        var issuerState = created["credential_offer"]!["grants"]!["authorization_code"]!["issuer_state"]!.GetValue<string>();
        var (verifier, challenge) = Pkce();
        var par = Par(wallet, challenge, issuerState);
        par.Headers.Add("OAuth-Client-Attestation", fixture.Attestation(instance, wallet));
        par.Headers.Add("OAuth-Client-Attestation-PoP", fixture.AttestationPop(instance, wallet));
        var pushed = await Issuer.Client.PushAuthorizationAsync(par);
        Assert.False(pushed.IsError, pushed.Raw);
        return (await IssuanceFlowTests.AuthorizeAsync(Issuer, wallet, pushed.RequestUri!), verifier);
    }

    private AuthorizationCodeTokenRequest CodeToken(string wallet, Dictionary<string, string> code, string verifier, ECDsa? instance)
    {
        var request = new AuthorizationCodeTokenRequest
        {
            Address = Issuer.IssuerId + "/token",
            ClientId = wallet,
            ClientCredentialStyle = ClientCredentialStyle.PostBody,
            Code = code["code"],
            RedirectUri = "https://wallet.example/cb",
            CodeVerifier = verifier,
        };
        if (instance is not null)
        {
            request.Headers.Add("OAuth-Client-Attestation", fixture.Attestation(instance, wallet));
            request.Headers.Add("OAuth-Client-Attestation-PoP", fixture.AttestationPop(instance, wallet));
        }
        return request;
    }

    [Fact]
    public async Task The_code_of_an_attested_wallet_is_redeemed_with_its_attestation()
    {
        using var instance = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var (code, verifier) = await AttestedCodeAsync(instance, "wallet-instance-code-1");

        var token = await Issuer.Client.RequestAuthorizationCodeTokenAsync(CodeToken("wallet-instance-code-1", code, verifier, instance));

        Assert.False(token.IsError, token.Raw);
    }

    [Fact]
    public async Task The_code_of_an_attested_wallet_presented_without_the_attestation_is_invalid_client_and_spent()
    {
        using var instance = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var (code, verifier) = await AttestedCodeAsync(instance, "wallet-instance-code-2");

        AssertInvalidClient(
            await Issuer.Client.RequestAuthorizationCodeTokenAsync(CodeToken("wallet-instance-code-2", code, verifier, null)),
            "attest_jwt_client_auth");
        // Whoever presents a code as another client has it: the code is spent, as with another client_id.
        var late = await Issuer.Client.RequestAuthorizationCodeTokenAsync(CodeToken("wallet-instance-code-2", code, verifier, instance));

        Assert.Equal(OidcConstants.TokenErrors.InvalidGrant, late.Error);
    }

    [Fact]
    public async Task A_pre_authorized_code_with_a_failing_attestation_is_invalid_client_and_stays_unspent()
    {
        using var instance = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var forger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var created = await Issuer.CreateOfferAsync(IssuerFixture.LegalPersonOffer(txCode: false));
        var preAuthorizedCode = created["credential_offer"]!["grants"]!["urn:ietf:params:oauth:grant-type:pre-authorized_code"]!["pre-authorized_code"]!.GetValue<string>();
        TokenRequest Token(ECDsa signer) => new()
        {
            Address = Issuer.IssuerId + "/token",
            GrantType = "urn:ietf:params:oauth:grant-type:pre-authorized_code",
            ClientId = "pre-auth-wallet",
            ClientCredentialStyle = ClientCredentialStyle.PostBody,
            Parameters = { { "pre-authorized_code", preAuthorizedCode } },
            Headers =
            {
                { "OAuth-Client-Attestation", fixture.Attestation(instance, "pre-auth-wallet", signer: signer) },
                { "OAuth-Client-Attestation-PoP", fixture.AttestationPop(instance, "pre-auth-wallet") },
            },
        };

        AssertInvalidClient(await Issuer.Client.RequestTokenAsync(Token(forger)), "does not verify");
        var token = await Issuer.Client.RequestTokenAsync(Token(fixture.AttesterKey));

        Assert.False(token.IsError, token.Raw);
    }

    [Fact]
    public async Task A_refresh_token_of_an_attested_wallet_is_refreshed_only_with_its_attestation()
    {
        using var instance = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        const string Wallet = "refreshing-wallet";
        var created = await Issuer.CreateOfferAsync(IssuerFixture.LegalPersonOffer(txCode: false));
        var preAuthorizedCode = created["credential_offer"]!["grants"]!["urn:ietf:params:oauth:grant-type:pre-authorized_code"]!["pre-authorized_code"]!.GetValue<string>();
        var first = new TokenRequest
        {
            Address = Issuer.IssuerId + "/token",
            GrantType = "urn:ietf:params:oauth:grant-type:pre-authorized_code",
            ClientId = Wallet,
            ClientCredentialStyle = ClientCredentialStyle.PostBody,
            Parameters = { { "pre-authorized_code", preAuthorizedCode } },
        };
        first.Headers.Add("OAuth-Client-Attestation", fixture.Attestation(instance, Wallet));
        first.Headers.Add("OAuth-Client-Attestation-PoP", fixture.AttestationPop(instance, Wallet));
        var token = await Issuer.Client.RequestTokenAsync(first);
        Assert.False(token.IsError, token.Raw);
        RefreshTokenRequest Refresh(bool attested)
        {
            var request = new RefreshTokenRequest
            {
                Address = Issuer.IssuerId + "/token",
                ClientId = Wallet,
                ClientCredentialStyle = ClientCredentialStyle.PostBody,
                RefreshToken = token.RefreshToken!,
            };
            if (attested)
            {
                request.Headers.Add("OAuth-Client-Attestation", fixture.Attestation(instance, Wallet));
                request.Headers.Add("OAuth-Client-Attestation-PoP", fixture.AttestationPop(instance, Wallet));
            }
            return request;
        }

        AssertInvalidClient(await Issuer.Client.RequestRefreshTokenAsync(Refresh(attested: false)), "attest_jwt_client_auth");
        var refreshed = await Issuer.Client.RequestRefreshTokenAsync(Refresh(attested: true));

        Assert.False(refreshed.IsError, refreshed.Raw);
    }

    [Fact]
    public async Task A_proof_of_possession_with_a_challenge_from_the_challenge_endpoint_is_accepted_and_a_forged_one_is_invalid_client()
    {
        using var instance = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var metadata = System.Text.Json.Nodes.JsonNode.Parse(await Issuer.Client.GetStringAsync("/.well-known/oauth-authorization-server"))!;
        using var challengeResponse = await Issuer.Client.PostAsync(metadata["challenge_endpoint"]!.GetValue<string>(), null);
        var challenge = System.Text.Json.Nodes.JsonNode.Parse(await challengeResponse.Content.ReadAsStringAsync())!["attestation_challenge"]!.GetValue<string>();

        var accepted = await PushWithAttestationAsync(fixture.Attestation(instance, "wallet-instance-1"),
            fixture.AttestationPop(instance, "wallet-instance-1", c => c["challenge"] = challenge));
        var forged = await PushWithAttestationAsync(fixture.Attestation(instance, "wallet-instance-1"),
            fixture.AttestationPop(instance, "wallet-instance-1", c => c["challenge"] = "made-up"));

        Assert.Equal(HttpStatusCode.OK, challengeResponse.StatusCode);
        Assert.False(accepted.IsError, accepted.Raw);
        AssertInvalidClient(forged, "challenge");
    }
}
