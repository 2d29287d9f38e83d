using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Duende.IdentityModel.Client;

namespace Issuer.Tests;

/// <summary>DPoP-bound access tokens (RFC 9449) at the token and credential endpoints.</summary>
public sealed class DpopTests(IssuerFixture fixture) : IClassFixture<IssuerFixture>
{
    private async Task<(TestWallet Wallet, ECDsa DpopKey, TokenResponse Token)> DpopTokenAsync()
    {
        var wallet = fixture.NewWallet();
        var dpopKey = wallet.NewKey();
        var created = await fixture.CreateOfferAsync(IssuerFixture.LegalPersonOffer());
        var code = TestWallet.PreAuthorizedCode(created["credential_offer"]!.AsObject());
        var token = await wallet.RequestPreAuthorizedTokenAsync(code, created["tx_code"]!.GetValue<string>(), wallet.DpopProof(dpopKey, "POST", fixture.IssuerId + "/token"));
        Assert.False(token.IsError, token.ErrorDescription);
        return (wallet, dpopKey, token);
    }

    private object CredentialRequest(TestWallet wallet, string nonce) => new
    {
        credential_configuration_id = "LegalPerson_jwt_vc_json",
        proofs = new { jwt = new[] { wallet.Proof(wallet.NewKey(), nonce) } },
    };

    [Fact]
    public async Task Token_request_with_a_DPoP_proof_gets_a_DPoP_bound_token_usable_with_proofs_of_that_key()
    {
        var (wallet, dpopKey, token) = await DpopTokenAsync();
        using (wallet)
        {
            Assert.Equal("DPoP", token.TokenType);
            var (status, body, _) = await wallet.RequestCredentialAsync(token.AccessToken!, CredentialRequest(wallet, await wallet.NonceAsync()), dpopKey);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Single(body!["credentials"]!.AsArray());
        }
    }

    [Fact]
    public async Task A_proof_carrying_a_nonce_this_server_never_gave_is_use_dpop_nonce_even_when_nonces_are_not_required()
    {
        using var wallet = fixture.NewWallet();
        var created = await fixture.CreateOfferAsync(IssuerFixture.LegalPersonOffer());
        var code = TestWallet.PreAuthorizedCode(created["credential_offer"]!.AsObject());

        var token = await wallet.RequestPreAuthorizedTokenAsync(code, created["tx_code"]!.GetValue<string>(),
            wallet.DpopProof(wallet.NewKey(), "POST", fixture.IssuerId + "/token", nonce: "made-up"));

        Assert.Equal("use_dpop_nonce", token.Error);
        Assert.True(token.HttpResponse!.Headers.Contains("DPoP-Nonce"));
    }

    [Fact]
    public async Task DPoP_proof_for_another_key_is_rejected_with_invalid_dpop_proof()
    {
        var (wallet, _, token) = await DpopTokenAsync();
        using (wallet)
        {
            var (status, body, response) = await wallet.RequestCredentialAsync(token.AccessToken!, CredentialRequest(wallet, await wallet.NonceAsync()), wallet.NewKey());
            Assert.Equal(HttpStatusCode.Unauthorized, status);
            Assert.Equal("invalid_dpop_proof", body!["error"]!.GetValue<string>());
            Assert.Equal("DPoP", response.Headers.WwwAuthenticate.Single().Scheme);
        }
    }

    [Fact]
    public async Task Refresh_token_of_a_DPoP_bound_grant_needs_a_proof_of_the_same_key()
    {
        var (wallet, dpopKey, token) = await DpopTokenAsync();
        using (wallet)
        {
            var url = fixture.IssuerId + "/token";
            var withoutProof = await wallet.RefreshAsync(token.RefreshToken!);
            Assert.Equal("invalid_dpop_proof", withoutProof.Error);

            // RFC 9449 section 5: the refresh token is bound to the key the grant was bound to.
            var otherKey = await wallet.RefreshAsync(token.RefreshToken!, wallet.DpopProof(wallet.NewKey(), "POST", url));
            Assert.Equal("invalid_dpop_proof", otherKey.Error);

            // Neither refusal spent the refresh token: whoever holds the key still refreshes with it.
            var refreshed = await wallet.RefreshAsync(token.RefreshToken!, wallet.DpopProof(dpopKey, "POST", url));
            Assert.False(refreshed.IsError, refreshed.ErrorDescription);
            Assert.Equal("DPoP", refreshed.TokenType);
            var (status, _, _) = await wallet.RequestCredentialAsync(refreshed.AccessToken!, CredentialRequest(wallet, await wallet.NonceAsync()), dpopKey);
            Assert.Equal(HttpStatusCode.OK, status);
        }
    }

    [Fact]
    public async Task Insufficient_scope_for_a_DPoP_bound_token_is_challenged_with_the_DPoP_scheme()
    {
        var (wallet, dpopKey, token) = await DpopTokenAsync();
        using (wallet)
        {
            var request = new { credential_configuration_id = "LegalPerson_dc_sd_jwt", proofs = new { jwt = new[] { wallet.Proof(wallet.NewKey(), await wallet.NonceAsync()) } } };
            var (status, body, response) = await wallet.RequestCredentialAsync(token.AccessToken!, request, dpopKey);
            Assert.Equal(HttpStatusCode.Forbidden, status);
            Assert.Equal("insufficient_scope", body!["error"]!.GetValue<string>());
            // RFC 9449 section 7.1: a DPoP-bound token is challenged with the DPoP scheme.
            var challenge = response.Headers.WwwAuthenticate.Single();
            Assert.Equal("DPoP", challenge.Scheme);
            Assert.Contains("error=\"insufficient_scope\"", challenge.Parameter, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task DPoP_bound_token_presented_as_bearer_is_rejected_with_invalid_token()
    {
        var (wallet, _, token) = await DpopTokenAsync();
        using (wallet)
        {
            var (status, body, _) = await wallet.RequestCredentialAsync(token.AccessToken!, CredentialRequest(wallet, await wallet.NonceAsync()));
            Assert.Equal(HttpStatusCode.Unauthorized, status);
            Assert.Equal("invalid_token", body!["error"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Replayed_DPoP_proof_is_rejected_with_invalid_dpop_proof()
    {
        var (wallet, dpopKey, token) = await DpopTokenAsync();
        using (wallet)
        {
            var proof = wallet.DpopProof(dpopKey, "POST", fixture.IssuerId + "/credential", token.AccessToken);
            async Task<HttpResponseMessage> SendAsync()
            {
                using var message = new HttpRequestMessage(HttpMethod.Post, "/credential") { Content = JsonContent.Create(CredentialRequest(wallet, await wallet.NonceAsync())) };
                message.Headers.Authorization = new AuthenticationHeaderValue("DPoP", token.AccessToken);
                message.Headers.Add("DPoP", proof);
                return await fixture.Client.SendAsync(message);
            }
            using var first = await SendAsync();
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            using var second = await SendAsync();
            Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
            Assert.Contains("invalid_dpop_proof", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task DPoP_proof_for_another_URL_is_rejected_at_the_token_endpoint_with_invalid_dpop_proof()
    {
        using var wallet = fixture.NewWallet();
        var created = await fixture.CreateOfferAsync(IssuerFixture.LegalPersonOffer());
        var key = wallet.NewKey();
        var token = await wallet.RequestPreAuthorizedTokenAsync(TestWallet.PreAuthorizedCode(created["credential_offer"]!.AsObject()), created["tx_code"]!.GetValue<string>(), wallet.DpopProof(key, "POST", "https://elsewhere.example/token"));
        Assert.Equal("invalid_dpop_proof", token.Error);
    }
}
