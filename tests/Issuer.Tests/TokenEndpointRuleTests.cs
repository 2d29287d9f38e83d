using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Duende.IdentityModel;
using Duende.IdentityModel.Client;

namespace Issuer.Tests;

/// <summary>One test per token endpoint rule (RFC 6749, RFC 7636, OpenID4VCI 1.0 section 6, errata 1).</summary>
public sealed class TokenEndpointRuleTests(IssuerFixture fixture) : IClassFixture<IssuerFixture>
{
    private async Task<(string Code, string? TxCode, string OfferId)> NewOfferAsync(bool txCode = true)
    {
        using var wallet = fixture.NewWallet();
        var created = await fixture.CreateOfferAsync(IssuerFixture.LegalPersonOffer(txCode));
        return (TestWallet.PreAuthorizedCode(created["credential_offer"]!.AsObject()), created["tx_code"]?.GetValue<string>(), created["offer_id"]!.GetValue<string>());
    }

    /// <summary>A token response for a fresh offer redeemed with its transaction code.</summary>
    private async Task<TokenResponse> FirstTokenAsync(TestWallet wallet)
    {
        var (code, tx, _) = await NewOfferAsync();
        return await wallet.RequestPreAuthorizedTokenAsync(code, tx);
    }

    /// <summary>Starts <paramref name="count"/> requests behind one gate and lets them go together.</summary>
    private static async Task<T[]> AllAtOnceAsync<T>(int count, Func<Task<T>> request)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = Enumerable.Range(0, count).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            return await request();
        })).ToArray();
        start.SetResult();
        return await Task.WhenAll(requests);
    }

    private static string Wrong(string txCode) => txCode == "000000" ? "111111" : "000000";

    [Fact]
    public async Task Token_request_with_used_pre_authorized_code_is_rejected_with_invalid_grant()
    {
        using var wallet = fixture.NewWallet();
        var (code, tx, _) = await NewOfferAsync();
        Assert.False((await wallet.RequestPreAuthorizedTokenAsync(code, tx)).IsError);
        var second = await wallet.RequestPreAuthorizedTokenAsync(code, tx);
        Assert.Equal(OidcConstants.TokenErrors.InvalidGrant, second.Error);
        Assert.Equal(HttpStatusCode.BadRequest, second.HttpStatusCode);
    }

    [Fact]
    public async Task Token_request_with_unknown_pre_authorized_code_is_rejected_with_invalid_grant()
    {
        using var wallet = fixture.NewWallet();
        var response = await wallet.RequestPreAuthorizedTokenAsync("no-such-code", null);
        Assert.Equal(OidcConstants.TokenErrors.InvalidGrant, response.Error);
    }

    [Fact]
    public async Task Token_request_with_wrong_tx_code_is_rejected_with_invalid_grant_saying_the_code_is_wrong()
    {
        using var wallet = fixture.NewWallet();
        var (code, tx, _) = await NewOfferAsync();
        var response = await wallet.RequestPreAuthorizedTokenAsync(code, Wrong(tx!));
        Assert.Equal(OidcConstants.TokenErrors.InvalidGrant, response.Error);
        Assert.Contains("transaction code is wrong", response.ErrorDescription, StringComparison.Ordinal);
        // The right code still works after one failure.
        Assert.False((await wallet.RequestPreAuthorizedTokenAsync(code, tx)).IsError);
    }

    [Fact]
    public async Task Pre_authorized_code_is_invalidated_after_five_wrong_tx_codes()
    {
        using var wallet = fixture.NewWallet();
        var (code, tx, _) = await NewOfferAsync();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(OidcConstants.TokenErrors.InvalidGrant, (await wallet.RequestPreAuthorizedTokenAsync(code, Wrong(tx!))).Error);
        }
        var withRightCode = await wallet.RequestPreAuthorizedTokenAsync(code, tx);
        Assert.Equal(OidcConstants.TokenErrors.InvalidGrant, withRightCode.Error);
        Assert.Contains("no longer valid", withRightCode.ErrorDescription, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_request_without_the_tx_code_the_offer_requires_is_rejected_with_invalid_request()
    {
        using var wallet = fixture.NewWallet();
        var (code, _, _) = await NewOfferAsync();
        Assert.Equal(OidcConstants.TokenErrors.InvalidRequest, (await wallet.RequestPreAuthorizedTokenAsync(code, null)).Error);
    }

    [Fact]
    public async Task Token_request_with_a_tx_code_the_offer_does_not_use_is_rejected_with_invalid_request()
    {
        using var wallet = fixture.NewWallet();
        var (code, _, _) = await NewOfferAsync(txCode: false);
        Assert.Equal(OidcConstants.TokenErrors.InvalidRequest, (await wallet.RequestPreAuthorizedTokenAsync(code, "123456")).Error);
    }

    [Fact]
    public async Task Token_request_with_unknown_grant_type_is_rejected_with_unsupported_grant_type()
    {
        var response = await fixture.Client.RequestTokenAsync(new TokenRequest { Address = fixture.IssuerId + "/token", GrantType = "password", ClientId = "w", ClientCredentialStyle = ClientCredentialStyle.PostBody });
        Assert.Equal(OidcConstants.TokenErrors.UnsupportedGrantType, response.Error);
    }

    [Fact]
    public async Task Token_request_ignores_unknown_parameters_such_as_resource_and_user_pin()
    {
        using var wallet = fixture.NewWallet();
        var (code, tx, _) = await NewOfferAsync();
        var response = await fixture.Client.RequestTokenAsync(new TokenRequest
        {
            Address = fixture.IssuerId + "/token",
            GrantType = TestWallet.PreAuthorizedGrant,
            ClientCredentialStyle = ClientCredentialStyle.PostBody,
            Parameters = { { "pre-authorized_code", code }, { "tx_code", tx! }, { "resource", fixture.IssuerId }, { "user_pin", "1234" } },
        });
        Assert.False(response.IsError, response.ErrorDescription);
    }

    [Fact]
    public async Task Token_request_may_repeat_resource_but_not_a_parameter_the_grant_defines()
    {
        var (code, tx, _) = await NewOfferAsync();
        using var repeatedCode = new FormUrlEncodedContent([new("grant_type", TestWallet.PreAuthorizedGrant), new("pre-authorized_code", code), new("pre-authorized_code", code), new("tx_code", tx!)]);
        using var refused = await fixture.Client.PostAsync("/token", repeatedCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("invalid_request", JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());

        // RFC 8707 lets resource repeat; OpenID4VCI section 6.1 says unknown parameters are ignored.
        using var repeatedResource = new FormUrlEncodedContent([new("grant_type", TestWallet.PreAuthorizedGrant), new("pre-authorized_code", code), new("tx_code", tx!), new("resource", fixture.IssuerId), new("resource", "https://other.example")]);
        using var accepted = await fixture.Client.PostAsync("/token", repeatedResource);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task Pre_authorized_code_survives_a_token_request_with_authorization_details_outside_the_offer()
    {
        using var wallet = fixture.NewWallet();
        var (code, tx, _) = await NewOfferAsync();
        var outside = """[{"type":"openid_credential","credential_configuration_id":"LegalPerson_dc_sd_jwt"}]""";
        var refused = await wallet.RequestPreAuthorizedTokenAsync(code, tx, authorizationDetails: outside);
        Assert.Equal("invalid_authorization_details", refused.Error);
        var malformed = await wallet.RequestPreAuthorizedTokenAsync(code, tx, authorizationDetails: "[{\"type\":");
        Assert.True(malformed.IsError);

        var granted = await wallet.RequestPreAuthorizedTokenAsync(code, tx);
        Assert.False(granted.IsError, granted.ErrorDescription);
    }

    [Fact]
    public async Task Fifty_concurrent_token_requests_with_one_pre_authorized_code_yield_exactly_one_access_token()
    {
        using var wallet = fixture.NewWallet();
        var (code, tx, _) = await NewOfferAsync();
        var responses = await AllAtOnceAsync(50, () => wallet.RequestPreAuthorizedTokenAsync(code, tx));
        Assert.Single(responses, r => !r.IsError);
        Assert.All(responses.Where(r => r.IsError), r => Assert.Equal(OidcConstants.TokenErrors.InvalidGrant, r.Error));
    }

    [Fact]
    public async Task Token_request_with_PKCE_verifier_mismatch_is_rejected_with_invalid_grant()
    {
        var (code, _) = await AuthorizationCodeAsync();
        var response = await fixture.Client.RequestAuthorizationCodeTokenAsync(new AuthorizationCodeTokenRequest
        {
            Address = fixture.IssuerId + "/token",
            ClientId = "test-wallet",
            ClientCredentialStyle = ClientCredentialStyle.PostBody,
            Code = code,
            RedirectUri = "https://wallet.example/cb",
            CodeVerifier = CryptoRandom.CreateUniqueId(48),
        });
        Assert.Equal(OidcConstants.TokenErrors.InvalidGrant, response.Error);
        Assert.Contains("PKCE", response.ErrorDescription, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorization_code_is_single_use()
    {
        var (code, verifier) = await AuthorizationCodeAsync();
        var request = new AuthorizationCodeTokenRequest
        {
            Address = fixture.IssuerId + "/token",
            ClientId = "test-wallet",
            ClientCredentialStyle = ClientCredentialStyle.PostBody,
            Code = code,
            RedirectUri = "https://wallet.example/cb",
            CodeVerifier = verifier,
        };
        Assert.False((await fixture.Client.RequestAuthorizationCodeTokenAsync(request)).IsError);
        Assert.Equal(OidcConstants.TokenErrors.InvalidGrant, (await fixture.Client.RequestAuthorizationCodeTokenAsync(request)).Error);
    }

    [Fact]
    public async Task Pushed_authorization_request_with_plain_PKCE_is_rejected_with_invalid_request()
    {
        var response = await fixture.Client.PushAuthorizationAsync(new PushedAuthorizationRequest
        {
            Address = fixture.IssuerId + "/par",
            ClientId = "test-wallet",
            ClientCredentialStyle = ClientCredentialStyle.PostBody,
            ResponseType = "code",
            RedirectUri = "https://wallet.example/cb",
            CodeChallenge = CryptoRandom.CreateUniqueId(43),
            CodeChallengeMethod = "plain",
            Scope = "gx.LegalPerson",
        });
        Assert.Equal(OidcConstants.AuthorizeErrors.InvalidRequest, response.Error);
    }

    [Fact]
    public async Task Pushed_authorization_request_with_a_javascript_redirect_uri_is_rejected_with_invalid_request()
    {
        var (_, challenge) = Pkce();
        var response = await fixture.Client.PushAuthorizationAsync(new PushedAuthorizationRequest
        {
            Address = fixture.IssuerId + "/par",
            ClientId = "test-wallet",
            ClientCredentialStyle = ClientCredentialStyle.PostBody,
            ResponseType = "code",
            RedirectUri = "javascript:alert(1)",
            CodeChallenge = challenge,
            CodeChallengeMethod = "S256",
            Scope = "gx.LegalPerson",
        });
        Assert.Equal(OidcConstants.AuthorizeErrors.InvalidRequest, response.Error);
    }

    [Fact]
    public async Task Authorization_request_without_PAR_is_rejected_when_PAR_is_required()
    {
        var (_, challenge) = Pkce();
        using var response = await fixture.Client.GetAsync($"/authorize?response_type=code&client_id=test-wallet&redirect_uri={Uri.EscapeDataString("https://wallet.example/cb")}&code_challenge={challenge}&code_challenge_method=S256&scope=gx.LegalPerson");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Authorization_request_without_a_live_issuer_state_is_denied_with_access_denied()
    {
        var (_, challenge) = Pkce();
        var par = await Push(challenge, "unknown-issuer-state");
        var result = await IssuanceFlowTests.AuthorizeAsync(fixture, "test-wallet", par.RequestUri!);
        Assert.Equal(OidcConstants.AuthorizeErrors.AccessDenied, result["error"]);
        Assert.False(result.ContainsKey("code"));
    }

    [Fact]
    public async Task Authorization_request_uri_is_single_use()
    {
        var created = await fixture.CreateOfferAsync(IssuerFixture.LegalPersonOffer(txCode: false));
        var (_, challenge) = Pkce();
        var par = await Push(challenge, created["credential_offer"]!["grants"]!["authorization_code"]!["issuer_state"]!.GetValue<string>());
        await IssuanceFlowTests.AuthorizeAsync(fixture, "test-wallet", par.RequestUri!);
        using var response = await fixture.Client.GetAsync($"/authorize?client_id=test-wallet&request_uri={Uri.EscapeDataString(par.RequestUri!)}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request_uri", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Pre_authorized_token_request_with_authorization_details_gets_credential_identifiers_that_must_then_be_used()
    {
        using var wallet = fixture.NewWallet();
        var (code, tx, _) = await NewOfferAsync();
        var token = await wallet.RequestPreAuthorizedTokenAsync(code, tx, authorizationDetails: """[{"type":"openid_credential","credential_configuration_id":"LegalPerson_jwt_vc_json"}]""");
        Assert.False(token.IsError, token.ErrorDescription);
        var identifier = token.Json!.Value.GetProperty("authorization_details")[0].GetProperty("credential_identifiers")[0].GetString()!;
        var byConfiguration = await wallet.RequestCredentialAsync(token.AccessToken!, new { credential_configuration_id = "LegalPerson_jwt_vc_json", proofs = new { jwt = new[] { wallet.Proof(wallet.NewKey(), await wallet.NonceAsync()) } } });
        Assert.Equal("invalid_credential_request", byConfiguration.Body!["error"]!.GetValue<string>());
        var byIdentifier = await wallet.RequestCredentialAsync(token.AccessToken!, new { credential_identifier = identifier, proofs = new { jwt = new[] { wallet.Proof(wallet.NewKey(), await wallet.NonceAsync()) } } });
        Assert.Equal(HttpStatusCode.OK, byIdentifier.Status);
    }

    [Fact]
    public async Task Authorization_code_bound_to_a_DPoP_key_at_PAR_needs_a_proof_of_that_key_at_the_token_endpoint()
    {
        using var wallet = fixture.NewWallet();
        var created = await fixture.CreateOfferAsync(IssuerFixture.LegalPersonOffer(txCode: false));
        var (verifier, challenge) = Pkce();
        var dpopKey = wallet.NewKey();
        var par = await fixture.Client.PushAuthorizationAsync(new PushedAuthorizationRequest
        {
            Address = fixture.IssuerId + "/par",
            ClientId = "test-wallet",
            ClientCredentialStyle = ClientCredentialStyle.PostBody,
            ResponseType = "code",
            RedirectUri = "https://wallet.example/cb",
            CodeChallenge = challenge,
            CodeChallengeMethod = "S256",
            Scope = "gx.LegalPerson",
            DPoPProofToken = wallet.DpopProof(dpopKey, "POST", fixture.IssuerId + "/par"),
            Parameters = { { "issuer_state", created["credential_offer"]!["grants"]!["authorization_code"]!["issuer_state"]!.GetValue<string>() } },
        });
        Assert.False(par.IsError, par.Error);
        var code = (await IssuanceFlowTests.AuthorizeAsync(fixture, "test-wallet", par.RequestUri!))["code"];
        var withoutProof = await fixture.Client.RequestAuthorizationCodeTokenAsync(new AuthorizationCodeTokenRequest
        {
            Address = fixture.IssuerId + "/token",
            ClientId = "test-wallet",
            ClientCredentialStyle = ClientCredentialStyle.PostBody,
            Code = code,
            RedirectUri = "https://wallet.example/cb",
            CodeVerifier = verifier,
            DPoPProofToken = wallet.DpopProof(wallet.NewKey(), "POST", fixture.IssuerId + "/token"),
        });
        Assert.Equal("invalid_dpop_proof", withoutProof.Error);
    }

    [Fact]
    public async Task Token_response_is_not_cacheable()
    {
        using var wallet = fixture.NewWallet();
        var (code, tx, _) = await NewOfferAsync();
        var response = await wallet.RequestPreAuthorizedTokenAsync(code, tx);
        Assert.True(response.HttpResponse!.Headers.CacheControl!.NoStore);
    }

    [Fact]
    public async Task Token_response_without_authorization_details_in_the_request_leaves_the_member_out()
    {
        using var wallet = fixture.NewWallet();
        var (code, tx, _) = await NewOfferAsync();
        var response = await wallet.RequestPreAuthorizedTokenAsync(code, tx);
        Assert.False(response.IsError, response.ErrorDescription);
        // RFC 9396 makes authorization_details a non-empty array when present: never null.
        var members = response.Json!.Value.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["access_token", "expires_in", "refresh_token", "token_type"], members);
    }

    [Fact]
    public async Task Refresh_token_gets_a_new_access_token_for_the_same_grant_and_is_rotated()
    {
        using var wallet = fixture.NewWallet();
        var first = await FirstTokenAsync(wallet);
        Assert.False(first.IsError, first.ErrorDescription);

        var refreshed = await wallet.RefreshAsync(first.RefreshToken!);
        Assert.False(refreshed.IsError, refreshed.ErrorDescription);
        Assert.NotEqual(first.AccessToken, refreshed.AccessToken);
        Assert.NotEqual(first.RefreshToken, refreshed.RefreshToken);
        Assert.True(refreshed.HttpResponse!.Headers.CacheControl!.NoStore);
        var (status, _, _) = await wallet.RequestCredentialAsync(refreshed.AccessToken!, new
        {
            credential_configuration_id = "LegalPerson_jwt_vc_json",
            proofs = new { jwt = new[] { wallet.Proof(wallet.NewKey(), await wallet.NonceAsync()) } },
        });
        Assert.Equal(HttpStatusCode.OK, status);

        // Rotation: the refresh token used is spent.
        var replayed = await wallet.RefreshAsync(first.RefreshToken!);
        Assert.Equal("invalid_grant", replayed.Error);
    }

    [Fact]
    public async Task Refresh_request_with_a_scope_not_granted_is_rejected_with_invalid_scope_and_keeps_the_refresh_token()
    {
        using var wallet = fixture.NewWallet();
        var first = await FirstTokenAsync(wallet);
        Assert.False(first.IsError, first.ErrorDescription);

        var widened = await wallet.RefreshAsync(first.RefreshToken!, scope: "gx.LegalPerson gx.VatID");
        Assert.Equal(OidcConstants.TokenErrors.InvalidScope, widened.Error);
        Assert.Contains("gx.VatID", widened.ErrorDescription, StringComparison.Ordinal);

        // The wallet's mistake costs it nothing: the refresh token still works.
        var refreshed = await wallet.RefreshAsync(first.RefreshToken!);
        Assert.False(refreshed.IsError, refreshed.ErrorDescription);
    }

    [Fact]
    public async Task Refresh_request_with_a_narrower_scope_gets_a_token_for_that_scope_and_the_rotated_refresh_token_keeps_the_grant()
    {
        using var wallet = fixture.NewWallet();
        var both = (Dictionary<string, object?>)IssuerFixture.LegalPersonOffer(txCode: false);
        var sd = (Dictionary<string, object?>)IssuerFixture.LegalPersonOffer(txCode: false, configuration: "LegalPerson_dc_sd_jwt");
        both["credential_configuration_ids"] = new[] { "LegalPerson_jwt_vc_json", "LegalPerson_dc_sd_jwt" };
        ((Dictionary<string, object>)both["claims"]!)["LegalPerson_dc_sd_jwt"] = ((Dictionary<string, object>)sd["claims"]!)["LegalPerson_dc_sd_jwt"];
        var created = await fixture.CreateOfferAsync(both);
        var first = await wallet.RequestPreAuthorizedTokenAsync(TestWallet.PreAuthorizedCode(created["credential_offer"]!.AsObject()), null);
        Assert.False(first.IsError, first.ErrorDescription);

        var narrowed = await wallet.RefreshAsync(first.RefreshToken!, scope: "gx.LegalPerson.sd");
        Assert.False(narrowed.IsError, narrowed.ErrorDescription);
        async Task<(HttpStatusCode Status, JsonObject? Body)> RequestAsync(string accessToken, string configuration)
        {
            var (status, body, _) = await wallet.RequestCredentialAsync(accessToken, new
            {
                credential_configuration_id = configuration,
                proofs = new { jwt = new[] { wallet.Proof(wallet.NewKey(), await wallet.NonceAsync()) } },
            });
            return (status, body);
        }
        Assert.Equal(HttpStatusCode.OK, (await RequestAsync(narrowed.AccessToken!, "LegalPerson_dc_sd_jwt")).Status);
        var outside = await RequestAsync(narrowed.AccessToken!, "LegalPerson_jwt_vc_json");
        Assert.Equal(HttpStatusCode.Forbidden, outside.Status);
        Assert.Equal("insufficient_scope", outside.Body!["error"]!.GetValue<string>());

        // RFC 6749 section 6: the new refresh token has the scope of the one it replaces.
        var whole = await wallet.RefreshAsync(narrowed.RefreshToken!);
        Assert.False(whole.IsError, whole.ErrorDescription);
        Assert.Equal(HttpStatusCode.OK, (await RequestAsync(whole.AccessToken!, "LegalPerson_jwt_vc_json")).Status);
    }

    [Fact]
    public async Task Concurrent_refreshes_with_one_refresh_token_yield_exactly_one_access_token()
    {
        using var wallet = fixture.NewWallet();
        var first = await FirstTokenAsync(wallet);
        var results = await AllAtOnceAsync(20, () => wallet.RefreshAsync(first.RefreshToken!));
        Assert.Single(results, r => !r.IsError);
        Assert.All(results.Where(r => r.IsError), r => Assert.Equal("invalid_grant", r.Error));
    }

    [Fact]
    public async Task Refresh_token_past_its_lifetime_is_rejected_with_invalid_grant()
    {
        using var wallet = fixture.NewWallet();
        var first = await FirstTokenAsync(wallet);
        fixture.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
        var refreshed = await wallet.RefreshAsync(first.RefreshToken!);
        Assert.Equal("invalid_grant", refreshed.Error);
    }

    [Fact]
    public async Task Refresh_token_request_naming_another_client_is_rejected_with_invalid_grant()
    {
        using var wallet = fixture.NewWallet();
        var (code, tx, _) = await NewOfferAsync();
        using var form = new FormUrlEncodedContent([new("grant_type", TestWallet.PreAuthorizedGrant), new("pre-authorized_code", code), new("tx_code", tx!), new("client_id", "wallet-a")]);
        using var response = await fixture.Client.PostAsync("/token", form);
        var refreshToken = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["refresh_token"]!.GetValue<string>();
        var refreshed = await wallet.RefreshAsync(refreshToken, clientId: "wallet-b");
        Assert.Equal("invalid_grant", refreshed.Error);

        // The refusal did not spend the refresh token.
        var owner = await wallet.RefreshAsync(refreshToken, clientId: "wallet-a");
        Assert.False(owner.IsError, owner.ErrorDescription);
    }

    private static (string Verifier, string Challenge) Pkce()
    {
        var verifier = CryptoRandom.CreateUniqueId(48);
        return (verifier, System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }

    private Task<PushedAuthorizationResponse> Push(string challenge, string issuerState) =>
        fixture.Client.PushAuthorizationAsync(new PushedAuthorizationRequest
        {
            Address = fixture.IssuerId + "/par",
            ClientId = "test-wallet",
            ClientCredentialStyle = ClientCredentialStyle.PostBody,
            ResponseType = "code",
            RedirectUri = "https://wallet.example/cb",
            CodeChallenge = challenge,
            CodeChallengeMethod = "S256",
            Scope = "gx.LegalPerson",
            Parameters = { { "issuer_state", issuerState } },
        });

    private async Task<(string Code, string Verifier)> AuthorizationCodeAsync()
    {
        var created = await fixture.CreateOfferAsync(IssuerFixture.LegalPersonOffer(txCode: false));
        var (verifier, challenge) = Pkce();
        var par = await Push(challenge, created["credential_offer"]!["grants"]!["authorization_code"]!["issuer_state"]!.GetValue<string>());
        Assert.False(par.IsError, par.Error);
        var result = await IssuanceFlowTests.AuthorizeAsync(fixture, "test-wallet", par.RequestUri!);
        return (result["code"], verifier);
    }
}
