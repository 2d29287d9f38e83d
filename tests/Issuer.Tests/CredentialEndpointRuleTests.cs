using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Issuer.Tests;

/// <summary>One test per credential endpoint and key proof rule (OpenID4VCI 1.0 sections 7, 8 and appendix F.1).</summary>
public sealed class CredentialEndpointRuleTests(IssuerFixture fixture) : IClassFixture<IssuerFixture>
{
    private const string Configuration = "LegalPerson_jwt_vc_json";

    private async Task<(TestWallet Wallet, string Token)> ReadyAsync()
    {
        var wallet = fixture.NewWallet();
        return (wallet, await wallet.PreAuthorizedAccessTokenAsync(IssuerFixture.LegalPersonOffer()));
    }

    private async Task AssertErrorAsync(string error, Func<TestWallet, string, Task<object>> body, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        var (wallet, token) = await ReadyAsync();
        using (wallet)
        {
            var (actualStatus, response, _) = await wallet.RequestCredentialAsync(token, await body(wallet, token));
            Assert.Equal(status, actualStatus);
            Assert.Equal(error, response!["error"]!.GetValue<string>());
        }
    }

    private static object WithProof(string proof) => new { credential_configuration_id = Configuration, proofs = new { jwt = new[] { proof } } };

    [Fact]
    public async Task Nonce_response_carries_a_fresh_c_nonce_and_cache_control_no_store()
    {
        using var first = await fixture.Client.PostAsync("/nonce", null);
        using var second = await fixture.Client.PostAsync("/nonce", null);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True(first.Headers.CacheControl!.NoStore);
        var a = JsonNode.Parse(await first.Content.ReadAsStringAsync())!["c_nonce"]!.GetValue<string>();
        var b = JsonNode.Parse(await second.Content.ReadAsStringAsync())!["c_nonce"]!.GetValue<string>();
        Assert.NotEqual(a, b);
        Assert.True(a.Length >= 32);
    }

    [Fact]
    public async Task Credential_response_carries_credentials_and_notification_id_and_no_deferral_members()
    {
        var (wallet, token) = await ReadyAsync();
        using (wallet)
        {
            var (status, body, _) = await wallet.RequestCredentialAsync(token, WithProof(wallet.Proof(wallet.NewKey(), await wallet.NonceAsync())));
            Assert.Equal(HttpStatusCode.OK, status);
            // Section 8.3: transaction_id and interval must not sit beside credentials, not even as null.
            Assert.Equal(["credentials", "notification_id"], body!.Select(p => p.Key).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task Credential_request_with_replayed_c_nonce_is_rejected_with_invalid_nonce()
    {
        var (wallet, token) = await ReadyAsync();
        using (wallet)
        {
            var nonce = await wallet.NonceAsync();
            var key = wallet.NewKey();
            Assert.Equal(HttpStatusCode.OK, (await wallet.RequestCredentialAsync(token, WithProof(wallet.Proof(key, nonce)))).Status);
            var (status, body, _) = await wallet.RequestCredentialAsync(token, WithProof(wallet.Proof(key, nonce)));
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal("invalid_nonce", body!["error"]!.GetValue<string>());
        }
    }

    [Fact]
    public Task Credential_request_with_unknown_c_nonce_is_rejected_with_invalid_nonce() =>
        AssertErrorAsync("invalid_nonce", (w, _) => Task.FromResult(WithProof(w.Proof(w.NewKey(), "not-a-nonce-we-issued"))));

    [Fact]
    public async Task Credential_request_with_expired_c_nonce_is_rejected_with_invalid_nonce()
    {
        var (wallet, token) = await ReadyAsync();
        using (wallet)
        {
            var nonce = await wallet.NonceAsync();
            fixture.Time.Advance(TimeSpan.FromMinutes(6));
            var (status, body, _) = await wallet.RequestCredentialAsync(token, WithProof(wallet.Proof(wallet.NewKey(), nonce)));
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal("invalid_nonce", body!["error"]!.GetValue<string>());
        }
    }

    [Fact]
    public Task Proof_without_nonce_is_rejected_with_invalid_proof() =>
        AssertErrorAsync("invalid_proof", (w, _) => Task.FromResult(WithProof(w.Proof(w.NewKey(), null))));

    [Fact]
    public Task Proof_with_wrong_aud_is_rejected_with_invalid_proof() =>
        AssertErrorAsync("invalid_proof", async (w, _) => WithProof(w.Proof(w.NewKey(), await w.NonceAsync(), (_, p) => p["aud"] = "https://other-issuer.example")));

    [Fact]
    public Task Proof_with_wrong_typ_is_rejected_with_invalid_proof() =>
        AssertErrorAsync("invalid_proof", async (w, _) => WithProof(w.Proof(w.NewKey(), await w.NonceAsync(), (h, _) => h["typ"] = "JWT")));

    [Fact]
    public Task Proof_with_a_private_key_in_jwk_is_rejected_with_invalid_proof() =>
        AssertErrorAsync("invalid_proof", async (w, _) =>
        {
            var key = w.NewKey();
            return WithProof(w.Proof(key, await w.NonceAsync(), (h, _) => h["jwk"] = TestWallet.PrivateJwk(key)));
        });

    [Fact]
    public Task Proof_with_alg_none_is_rejected_with_invalid_proof() =>
        AssertErrorAsync("invalid_proof", async (w, _) => WithProof(w.Proof(w.NewKey(), await w.NonceAsync(), alg: "none")));

    [Fact]
    public Task Proof_with_a_MAC_algorithm_is_rejected_with_invalid_proof() =>
        AssertErrorAsync("invalid_proof", async (w, _) => WithProof(w.Proof(w.NewKey(), await w.NonceAsync(), alg: "HS256")));

    [Fact]
    public Task Proof_with_stale_iat_is_rejected_with_invalid_proof() =>
        AssertErrorAsync("invalid_proof", async (w, _) => WithProof(w.Proof(w.NewKey(), await w.NonceAsync(), (_, p) => p["iat"] = w.Now - 3600)));

    [Fact]
    public async Task Proof_with_a_fractional_iat_is_accepted()
    {
        var (wallet, token) = await ReadyAsync();
        using (wallet)
        {
            // RFC 7519 section 2: a NumericDate may be non-integer.
            var proof = wallet.Proof(wallet.NewKey(), await wallet.NonceAsync(), (_, p) => p["iat"] = wallet.Now - 0.25);
            var (status, body, _) = await wallet.RequestCredentialAsync(token, WithProof(proof));
            Assert.True(status == HttpStatusCode.OK, body?.ToJsonString());
        }
    }

    [Fact]
    public Task Proof_with_iat_as_a_string_is_rejected_with_invalid_proof() =>
        AssertErrorAsync("invalid_proof", async (w, _) => WithProof(w.Proof(w.NewKey(), await w.NonceAsync(), (_, p) => p["iat"] = w.Now.ToString(System.Globalization.CultureInfo.InvariantCulture))));

    [Fact]
    public Task Proof_signed_by_another_key_than_its_jwk_is_rejected_with_invalid_proof() =>
        AssertErrorAsync("invalid_proof", async (w, _) =>
        {
            var other = w.NewKey();
            return WithProof(w.Proof(w.NewKey(), await w.NonceAsync(), (h, _) => h["jwk"] = TestWallet.PublicJwk(other)));
        });

    [Fact]
    public Task Proof_with_both_jwk_and_kid_is_rejected_with_invalid_proof() =>
        AssertErrorAsync("invalid_proof", async (w, _) => WithProof(w.Proof(w.NewKey(), await w.NonceAsync(), (h, _) => h["kid"] = "did:example:123#1")));

    [Fact]
    public Task Credential_request_without_proofs_is_rejected_with_invalid_proof() =>
        AssertErrorAsync("invalid_proof", (_, _) => Task.FromResult<object>(new { credential_configuration_id = Configuration }));

    [Fact]
    public Task Credential_request_with_more_proofs_than_batch_size_is_rejected_with_invalid_proof() =>
        AssertErrorAsync("invalid_proof", async (w, _) =>
        {
            var nonce = await w.NonceAsync();
            return new { credential_configuration_id = Configuration, proofs = new { jwt = Enumerable.Range(0, 11).Select(_ => w.Proof(w.NewKey(), nonce)).ToArray() } };
        });

    [Fact]
    public Task Credential_request_with_format_in_draft_style_is_rejected_with_invalid_credential_request() =>
        AssertErrorAsync("invalid_credential_request", async (w, _) => new
        {
            format = "jwt_vc_json",
            credential_definition = new { type = new[] { "VerifiableCredential", "gx:LegalPerson" } },
            proofs = new { jwt = new[] { w.Proof(w.NewKey(), await w.NonceAsync()) } },
        });

    [Fact]
    public async Task Credential_request_ignores_a_format_member_beside_its_configuration_id()
    {
        var (wallet, token) = await ReadyAsync();
        using (wallet)
        {
            // Section 8.2: the Credential Issuer MUST ignore unrecognised parameters, and 1.0 has no format.
            var (status, body, _) = await wallet.RequestCredentialAsync(token, new { format = "jwt_vc_json", credential_configuration_id = Configuration, proofs = new { jwt = new[] { wallet.Proof(wallet.NewKey(), await wallet.NonceAsync()) } } });
            Assert.True(status == HttpStatusCode.OK, body?.ToJsonString());
        }
    }

    [Fact]
    public Task Credential_request_with_the_draft_singular_proof_is_rejected_with_invalid_proof() =>
        AssertErrorAsync("invalid_proof", async (w, _) => new { credential_configuration_id = Configuration, proof = new { proof_type = "jwt", jwt = w.Proof(w.NewKey(), await w.NonceAsync()) } });

    [Fact]
    public Task Credential_request_asking_for_response_encryption_is_rejected_with_invalid_encryption_parameters() =>
        AssertErrorAsync("invalid_encryption_parameters", async (w, _) => new { credential_configuration_id = Configuration, credential_response_encryption = new { enc = "A128GCM" }, proofs = new { jwt = new[] { w.Proof(w.NewKey(), await w.NonceAsync()) } } });

    [Fact]
    public Task Credential_request_with_both_identifier_and_configuration_id_is_rejected_with_invalid_credential_request() =>
        AssertErrorAsync("invalid_credential_request", (_, _) => Task.FromResult<object>(new { credential_configuration_id = Configuration, credential_identifier = "x" }));

    [Fact]
    public Task Credential_request_for_an_unknown_configuration_is_rejected_with_unknown_credential_configuration() =>
        AssertErrorAsync("unknown_credential_configuration", (_, _) => Task.FromResult<object>(new { credential_configuration_id = "NoSuchConfiguration" }));

    [Fact]
    public Task Credential_request_with_credential_identifier_the_token_does_not_carry_is_rejected_with_unknown_credential_identifier() =>
        AssertErrorAsync("unknown_credential_identifier", (_, _) => Task.FromResult<object>(new { credential_identifier = "LegalPerson_jwt_vc_json:unknown" }));

    [Fact]
    public Task Credential_request_for_a_configuration_outside_the_token_scope_is_rejected_with_insufficient_scope() =>
        AssertErrorAsync("insufficient_scope", async (w, _) => new { credential_configuration_id = "LegalPerson_dc_sd_jwt", proofs = new { jwt = new[] { w.Proof(w.NewKey(), await w.NonceAsync()) } } }, HttpStatusCode.Forbidden);

    [Fact]
    public async Task Credential_request_without_access_token_is_rejected_with_401_and_WWW_Authenticate()
    {
        using var response = await fixture.Client.PostAsync("/credential", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        // RFC 6750 section 3.1: a request without credentials gets a challenge without an error code.
        Assert.Null(response.Headers.WwwAuthenticate.Single().Parameter);
        Assert.Equal("invalid_token", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Credential_request_with_expired_access_token_is_rejected_with_invalid_token()
    {
        var (wallet, token) = await ReadyAsync();
        using (wallet)
        {
            fixture.Time.Advance(TimeSpan.FromMinutes(16));
            var (status, body, _) = await wallet.RequestCredentialAsync(token, WithProof(wallet.Proof(wallet.NewKey(), await wallet.NonceAsync())));
            Assert.Equal(HttpStatusCode.Unauthorized, status);
            Assert.Equal("invalid_token", body!["error"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Oversized_credential_request_is_rejected_with_413()
    {
        var (wallet, token) = await ReadyAsync();
        using (wallet)
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, "/credential")
            {
                Content = new StringContent("{\"credential_configuration_id\":\"" + new string('a', 300 * 1024) + "\"}", Encoding.UTF8, "application/json"),
            };
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await fixture.Client.SendAsync(message);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        }
    }

    [Fact]
    public Task Credential_request_that_is_not_json_is_rejected_with_invalid_credential_request() =>
        AssertErrorAsync("invalid_credential_request", (_, _) => Task.FromResult<object>("not an object"));
}
