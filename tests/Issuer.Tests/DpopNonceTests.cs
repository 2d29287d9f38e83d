using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Duende.IdentityModel.Client;

namespace Issuer.Tests;

/// <summary>An Issuer that requires server-provided DPoP nonces.</summary>
public sealed class DpopNonceFixture : IAsyncLifetime
{
    public IssuerFixture Issuer { get; } = new() { ExtraArgs = ["--Issuer:RequireDpopNonce=true"] };

    public Task InitializeAsync() => Issuer.InitializeAsync();

    public Task DisposeAsync() => Issuer.DisposeAsync();
}

/// <summary>
/// Server-provided DPoP nonces (RFC 9449 section 8 at the Authorization Server, section 9 at the resource server): a proof
/// without the nonce, or with a stale or forged one, is answered <c>use_dpop_nonce</c> with a fresh nonce in
/// <c>DPoP-Nonce</c>, and the retry with it succeeds.
/// </summary>
public sealed class DpopNonceTests(DpopNonceFixture nonceFixture) : IClassFixture<DpopNonceFixture>
{
    private IssuerFixture Fixture => nonceFixture.Issuer;

    private async Task<(TestWallet Wallet, string Code, string TxCode)> OfferAsync()
    {
        var created = await Fixture.CreateOfferAsync(IssuerFixture.LegalPersonOffer());
        return (Fixture.NewWallet(), TestWallet.PreAuthorizedCode(created["credential_offer"]!.AsObject()), created["tx_code"]!.GetValue<string>());
    }

    private static string NonceOf(TokenResponse response) =>
        response.HttpResponse!.Headers.TryGetValues("DPoP-Nonce", out var values) ? values.Single() : throw new Xunit.Sdk.XunitException("no DPoP-Nonce header: " + response.Raw);

    private async Task<(TestWallet Wallet, ECDsa Key, string AccessToken, string Nonce)> DpopTokenAsync()
    {
        var (wallet, code, txCode) = await OfferAsync();
        var key = wallet.NewKey();
        var first = await wallet.RequestPreAuthorizedTokenAsync(code, txCode, wallet.DpopProof(key, "POST", Fixture.IssuerId + "/token"));
        var nonce = NonceOf(first);
        var token = await wallet.RequestPreAuthorizedTokenAsync(code, txCode, wallet.DpopProof(key, "POST", Fixture.IssuerId + "/token", nonce: nonce));
        Assert.False(token.IsError, token.Raw);
        return (wallet, key, token.AccessToken!, nonce);
    }

    [Fact]
    public async Task A_token_request_without_the_nonce_is_use_dpop_nonce_with_one_and_the_retry_with_it_succeeds()
    {
        var (wallet, code, txCode) = await OfferAsync();
        using (wallet)
        {
            var key = wallet.NewKey();
            var first = await wallet.RequestPreAuthorizedTokenAsync(code, txCode, wallet.DpopProof(key, "POST", Fixture.IssuerId + "/token"));

            Assert.Equal(HttpStatusCode.BadRequest, first.HttpStatusCode);
            Assert.Equal("use_dpop_nonce", first.Error);
            var retry = await wallet.RequestPreAuthorizedTokenAsync(code, txCode, wallet.DpopProof(key, "POST", Fixture.IssuerId + "/token", nonce: NonceOf(first)));
            Assert.False(retry.IsError, retry.Raw);
            Assert.Equal("DPoP", retry.TokenType);
        }
    }

    [Fact]
    public async Task A_nonce_older_than_its_lifetime_is_use_dpop_nonce_with_a_fresh_one()
    {
        var (wallet, code, txCode) = await OfferAsync();
        using (wallet)
        {
            var key = wallet.NewKey();
            var stale = NonceOf(await wallet.RequestPreAuthorizedTokenAsync(code, txCode, wallet.DpopProof(key, "POST", Fixture.IssuerId + "/token")));
            Fixture.Time.Advance(TimeSpan.FromSeconds(301));

            var response = await wallet.RequestPreAuthorizedTokenAsync(code, txCode, wallet.DpopProof(key, "POST", Fixture.IssuerId + "/token", nonce: stale));

            Assert.Equal("use_dpop_nonce", response.Error);
            Assert.NotEqual(stale, NonceOf(response));
        }
    }

    [Fact]
    public async Task A_forged_nonce_or_a_c_nonce_is_use_dpop_nonce()
    {
        var (wallet, code, txCode) = await OfferAsync();
        using (wallet)
        {
            var key = wallet.NewKey();
            var cNonce = await wallet.NonceAsync();

            foreach (var nonce in new[] { "forged-nonce", cNonce })
            {
                var response = await wallet.RequestPreAuthorizedTokenAsync(code, txCode, wallet.DpopProof(key, "POST", Fixture.IssuerId + "/token", nonce: nonce));
                Assert.Equal("use_dpop_nonce", response.Error);
            }
        }
    }

    [Fact]
    public async Task A_credential_request_without_the_nonce_is_a_401_use_dpop_nonce_challenge_and_the_retry_with_it_succeeds()
    {
        var (wallet, key, accessToken, _) = await DpopTokenAsync();
        using (wallet)
        {
            var body = new
            {
                credential_configuration_id = "LegalPerson_jwt_vc_json",
                proofs = new { jwt = new[] { wallet.Proof(wallet.NewKey(), await wallet.NonceAsync()) } },
            };
            HttpRequestMessage Request(string? nonce)
            {
                var message = new HttpRequestMessage(HttpMethod.Post, "/credential") { Content = JsonContent.Create(body) };
                message.Headers.Authorization = new AuthenticationHeaderValue("DPoP", accessToken);
                message.Headers.Add("DPoP", wallet.DpopProof(key, "POST", Fixture.IssuerId + "/credential", accessToken, nonce));
                return message;
            }

            using var challenged = await Fixture.Client.SendAsync(Request(null));
            Assert.Equal(HttpStatusCode.Unauthorized, challenged.StatusCode);
            var challenge = challenged.Headers.WwwAuthenticate.Single();
            Assert.Equal("DPoP", challenge.Scheme);
            Assert.Contains("error=\"use_dpop_nonce\"", challenge.Parameter, StringComparison.Ordinal);
            var nonce = challenged.Headers.GetValues("DPoP-Nonce").Single();

            using var retried = await Fixture.Client.SendAsync(Request(nonce));
            Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        }
    }

    [Fact]
    public async Task A_pushed_authorization_request_with_a_DPoP_proof_without_the_nonce_is_use_dpop_nonce()
    {
        using var wallet = Fixture.NewWallet();
        var request = ParRequests.For(Fixture, "test-wallet");
        request.Headers.Add("DPoP", wallet.DpopProof(wallet.NewKey(), "POST", Fixture.IssuerId + "/par"));

        var response = await Fixture.Client.PushAuthorizationAsync(request);

        Assert.Equal("use_dpop_nonce", response.Error);
        Assert.True(response.HttpResponse!.Headers.Contains("DPoP-Nonce"));
    }
}
