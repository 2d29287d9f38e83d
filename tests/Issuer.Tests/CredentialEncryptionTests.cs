using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Dapr.Events;

namespace Issuer.Tests;

/// <summary>
/// Encrypted credential requests and responses (OpenID4VCI 1.0 section 10) over HTTP, the way the conformance suite's
/// <c>vci_credential_encryption=encrypted</c> variant sends them: the request a JWE (<c>application/jwt</c>, <c>cty</c>
/// json) to the key in <c>credential_request_encryption.jwks</c>, carrying <c>credential_response_encryption</c> with
/// the wallet's ECDH-ES key.
/// </summary>
public sealed class CredentialEncryptionTests(IssuerFixture fixture) : IClassFixture<IssuerFixture>
{
    private readonly ECDiffieHellman _walletKey = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);

    private JsonObject WalletJwk(ECDiffieHellman? key = null, string alg = "ECDH-ES", string kid = "wallet-enc-1")
    {
        var q = (key ?? _walletKey).ExportParameters(false).Q;
        return new JsonObject
        {
            ["kty"] = "EC",
            ["crv"] = "P-256",
            ["x"] = Base64Url.EncodeToString(q.X),
            ["y"] = Base64Url.EncodeToString(q.Y),
            ["alg"] = alg,
            ["kid"] = kid,
        };
    }

    private async Task<JsonObject> MetadataAsync() =>
        JsonNode.Parse(await fixture.Client.GetStringAsync("/.well-known/openid-credential-issuer"))!.AsObject();

    private async Task<(ECParameters Key, string Kid)> IssuerKeyAsync()
    {
        var jwk = (await MetadataAsync())["credential_request_encryption"]!["jwks"]!["keys"]![0]!;
        return (
            new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint
                {
                    X = Base64Url.DecodeFromChars(jwk["x"]!.GetValue<string>()),
                    Y = Base64Url.DecodeFromChars(jwk["y"]!.GetValue<string>()),
                },
            },
            jwk["kid"]!.GetValue<string>()
        );
    }

    /// <summary>POSTs <paramref name="body"/> encrypted to the Issuer's key as <c>application/jwt</c>.</summary>
    private async Task<HttpResponseMessage> PostEncryptedAsync(string path, string token, JsonObject body, string? zip = null, string enc = "A128GCM")
    {
        var (key, kid) = await IssuerKeyAsync();
        var jwe = EcdhEsJwe.Encrypt(Encoding.UTF8.GetBytes(body.ToJsonString()), key, enc, kid, zip, contentType: "json");
        return await PostRawAsync(path, token, jwe, "application/jwt");
    }

    private async Task<HttpResponseMessage> PostRawAsync(string path, string token, string content, string mediaType)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(content, Encoding.UTF8) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await fixture.Client.SendAsync(message);
    }

    private JsonObject Decrypt(string jwe, ECDiffieHellman? key = null, string kid = "wallet-enc-1")
    {
        var result = EcdhEsJwe.Decrypt(jwe, key ?? _walletKey, kid, maxInflatedLength: 1024 * 1024);
        Assert.True(result.Plaintext is not null, result.Error);
        return JsonNode.Parse(result.Plaintext)!.AsObject();
    }

    private static JsonObject Header(string jwe) => JsonNode.Parse(Base64Url.DecodeFromChars(jwe.Split('.')[0]))!.AsObject();

    private async Task<(TestWallet Wallet, string Token, JsonObject Request)> CredentialRequestAsync(JsonObject? encryption)
    {
        var wallet = fixture.NewWallet();
        var token = await wallet.PreAuthorizedAccessTokenAsync(IssuerFixture.LegalPersonOffer(configuration: "LegalPerson_dc_sd_jwt"));
        var request = new JsonObject
        {
            ["credential_configuration_id"] = "LegalPerson_dc_sd_jwt",
            ["proofs"] = new JsonObject { ["jwt"] = new JsonArray(wallet.Proof(wallet.NewKey(), await wallet.NonceAsync())) },
        };
        if (encryption is not null)
        {
            request["credential_response_encryption"] = encryption;
        }
        return (wallet, token, request);
    }

    private static async Task AssertEncryptionErrorAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        // Error responses are never encrypted (section 8.3.1.2).
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("invalid_encryption_parameters", body["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Metadata_offers_request_and_response_encryption_with_an_ECDH_ES_key_and_its_kid()
    {
        var metadata = await MetadataAsync();

        var request = metadata["credential_request_encryption"]!;
        var key = Assert.Single(request["jwks"]!["keys"]!.AsArray())!;
        Assert.Equal("ECDH-ES", key["alg"]!.GetValue<string>());
        Assert.Equal("enc", key["use"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(key["kid"]!.GetValue<string>()));
        Assert.Null(key["d"]);
        Assert.Equal(["A128GCM", "A256GCM"], request["enc_values_supported"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(["DEF"], request["zip_values_supported"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.False(request["encryption_required"]!.GetValue<bool>());
        var response = metadata["credential_response_encryption"]!;
        Assert.Equal(["ECDH-ES"], response["alg_values_supported"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(["A128GCM", "A256GCM"], response["enc_values_supported"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.False(response["encryption_required"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("A128GCM", null)]
    [InlineData("A256GCM", null)]
    [InlineData("A256GCM", "DEF")]
    public async Task Oid4vci_1_0_issuer_happy_flow_with_encryption_answers_an_encrypted_credential_response(string enc, string? zip)
    {
        var encryption = new JsonObject { ["jwk"] = WalletJwk(), ["enc"] = enc };
        if (zip is not null)
        {
            encryption["zip"] = zip;
        }
        var (wallet, token, request) = await CredentialRequestAsync(encryption);
        using (wallet)
        {
            using var response = await PostEncryptedAsync("/credential", token, request, zip: zip, enc: enc);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/jwt", response.Content.Headers.ContentType!.MediaType);
            var jwe = await response.Content.ReadAsStringAsync();
            var header = Header(jwe);
            Assert.Equal("ECDH-ES", header["alg"]!.GetValue<string>());
            Assert.Equal(enc, header["enc"]!.GetValue<string>());
            Assert.Equal("wallet-enc-1", header["kid"]!.GetValue<string>());
            Assert.Equal(zip, (string?)header["zip"]);
            var body = Decrypt(jwe);
            Assert.StartsWith("eyJ", body["credentials"]![0]!["credential"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.NotNull(body["notification_id"]);
        }
    }

    [Fact]
    public async Task An_encrypted_request_without_response_encryption_gets_a_plain_json_response()
    {
        var (wallet, token, request) = await CredentialRequestAsync(null);
        using (wallet)
        {
            using var response = await PostEncryptedAsync("/credential", token, request);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        }
    }

    [Fact]
    public async Task Oid4vci_1_0_issuer_fail_unsupported_encryption_algorithm()
    {
        // VCIUseUnsupportedEncryptionAlgorithm: the wallet key's alg replaced with UNSUPPORTED_ALG.
        var (wallet, token, request) = await CredentialRequestAsync(new JsonObject { ["jwk"] = WalletJwk(alg: "UNSUPPORTED_ALG"), ["enc"] = "A256GCM" });
        using (wallet)
        {
            using var response = await PostEncryptedAsync("/credential", token, request);

            await AssertEncryptionErrorAsync(response);
        }
    }

    [Theory]
    [InlineData("""{"enc":"A192CBC-HS384","jwk":$JWK}""")]
    [InlineData("""{"enc":"A128GCM","zip":"GZIP","jwk":$JWK}""")]
    [InlineData("""{"jwk":$JWK}""")]
    [InlineData("""{"enc":"A128GCM"}""")]
    [InlineData("""{"enc":"A128GCM","jwk":{"kty":"RSA","n":"AQAB","e":"AQAB","alg":"ECDH-ES"}}""")]
    [InlineData("""{"enc":"A128GCM","jwk":{"kty":"EC","crv":"P-256","x":"AAAA","y":"AAAA","alg":"ECDH-ES"}}""")]
    [InlineData("""{"enc":"A128GCM","jwk":{"kty":"EC","crv":"P-256","alg":"ECDH-ES"}}""")]
    [InlineData("\"A128GCM\"")]
    public async Task Unsupported_or_malformed_response_encryption_is_refused_with_invalid_encryption_parameters(string parameters)
    {
        var (wallet, token, request) = await CredentialRequestAsync(null);
        request["credential_response_encryption"] = JsonNode.Parse(parameters.Replace("$JWK", WalletJwk().ToJsonString(), StringComparison.Ordinal));
        using (wallet)
        {
            using var response = await PostEncryptedAsync("/credential", token, request);

            await AssertEncryptionErrorAsync(response);
        }
    }

    [Fact]
    public async Task Response_encryption_asked_for_in_a_plain_request_is_refused_so_the_key_cannot_be_substituted()
    {
        var (wallet, token, request) = await CredentialRequestAsync(new JsonObject { ["jwk"] = WalletJwk(), ["enc"] = "A128GCM" });
        using (wallet)
        {
            using var response = await PostRawAsync("/credential", token, request.ToJsonString(), "application/json");

            await AssertEncryptionErrorAsync(response);
        }
    }

    [Fact]
    public async Task A_request_encrypted_to_another_key_is_refused_and_consumes_nothing()
    {
        var (wallet, token, request) = await CredentialRequestAsync(new JsonObject { ["jwk"] = WalletJwk(), ["enc"] = "A128GCM" });
        using (wallet)
        {
            using var stranger = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
            var (_, kid) = await IssuerKeyAsync();
            var wrong = EcdhEsJwe.Encrypt(Encoding.UTF8.GetBytes(request.ToJsonString()), stranger.ExportParameters(false), "A128GCM", kid);
            using var refused = await PostRawAsync("/credential", token, wrong, "application/jwt");
            await AssertEncryptionErrorAsync(refused);

            // The same proof and c_nonce still work: nothing was consumed by the refused request.
            using var accepted = await PostEncryptedAsync("/credential", token, request);
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }
    }

    [Theory]
    [InlineData("not-a-jwe")]
    [InlineData("a.b.c.d.e")]
    [InlineData("")]
    public async Task An_unreadable_encrypted_request_is_refused_with_invalid_encryption_parameters(string body)
    {
        var (wallet, token, _) = await CredentialRequestAsync(null);
        using (wallet)
        {
            using var response = await PostRawAsync("/credential", token, body, "application/jwt");

            await AssertEncryptionErrorAsync(response);
        }
    }

    [Fact]
    public async Task An_encrypted_request_that_is_not_a_json_object_is_refused_with_invalid_credential_request()
    {
        var (wallet, token, _) = await CredentialRequestAsync(null);
        using (wallet)
        {
            var (key, kid) = await IssuerKeyAsync();
            using var response = await PostRawAsync("/credential", token, EcdhEsJwe.Encrypt("[1,2]"u8, key, "A128GCM", kid), "application/jwt");

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("invalid_credential_request", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task A_compressed_request_that_inflates_past_the_bound_is_refused()
    {
        var (wallet, token, request) = await CredentialRequestAsync(null);
        request["padding"] = new string('a', 2 * 1024 * 1024);
        using (wallet)
        {
            using var response = await PostEncryptedAsync("/credential", token, request, zip: "DEF");

            await AssertEncryptionErrorAsync(response);
        }
    }

    [Fact]
    public async Task A_deferred_credential_is_encrypted_to_the_key_the_deferred_request_names()
    {
        var wallet = fixture.NewWallet();
        using (wallet)
        {
            var created = await fixture.CreateOfferAsync(new
            {
                credential_configuration_ids = new[] { "VatID" },
                subject_id = "did:web:participant.example",
                claims = new Dictionary<string, object> { ["VatID"] = new Dictionary<string, object> { ["gx:vatID"] = "DE129273398", ["gx:countryCode"] = "DE" } },
            });
            var offerId = created["offer_id"]!.GetValue<string>();
            var offer = await wallet.ResolveOfferAsync(created["offer_uri"]!.GetValue<string>());
            var token = (await wallet.RequestPreAuthorizedTokenAsync(TestWallet.PreAuthorizedCode(offer), null)).AccessToken!;

            using var first = await PostEncryptedAsync("/credential", token, new JsonObject
            {
                ["credential_configuration_id"] = "VatID",
                ["credential_response_encryption"] = new JsonObject { ["jwk"] = WalletJwk(), ["enc"] = "A128GCM" },
            });
            // The deferral of /credential is encrypted like any credential response ("regardless of the content").
            Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
            Assert.Equal("application/jwt", first.Content.Headers.ContentType!.MediaType);
            var transactionId = Decrypt(await first.Content.ReadAsStringAsync())["transaction_id"]!.GetValue<string>();

            using var laterKey = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
            JsonObject Deferred() => new()
            {
                ["transaction_id"] = transactionId,
                ["credential_response_encryption"] = new JsonObject { ["jwk"] = WalletJwk(laterKey, kid: "later"), ["enc"] = "A256GCM" },
            };
            using (var pending = await PostEncryptedAsync("/deferred_credential", token, Deferred()))
            {
                // Still pending: encrypted too (section 9.2, "regardless of the content"): the transaction_id stays private.
                Assert.Equal(HttpStatusCode.Accepted, pending.StatusCode);
                Assert.Equal("application/jwt", pending.Content.Headers.ContentType!.MediaType);
                Assert.Equal(transactionId, Decrypt(await pending.Content.ReadAsStringAsync(), laterKey, "later")["transaction_id"]!.GetValue<string>());
            }

            await fixture.Dapr.PublishAsync(new CredentialPrepared(offerId, "VatID", "eyJhbGciOiJFUzI1NiJ9.eyJub3RhcnkiOnRydWV9.c2ln", "jwt_vc_json", "notary"), "notary");
            await fixture.Dapr.PublishAsync(new CredentialAssessed(offerId, true, []), "compliance");
            for (var i = 0; ; i++)
            {
                using var delivered = await PostEncryptedAsync("/deferred_credential", token, Deferred());
                if (delivered.StatusCode == HttpStatusCode.OK)
                {
                    Assert.Equal("application/jwt", delivered.Content.Headers.ContentType!.MediaType);
                    var jwe = await delivered.Content.ReadAsStringAsync();
                    Assert.Equal("later", Header(jwe)["kid"]!.GetValue<string>());
                    Assert.Equal("eyJhbGciOiJFUzI1NiJ9.eyJub3RhcnkiOnRydWV9.c2ln", Decrypt(jwe, laterKey, "later")["credentials"]![0]!["credential"]!.GetValue<string>());
                    break;
                }
                Assert.True(i < 300, "the deferred credential was never delivered");
                await Task.Delay(20);
            }
        }
    }
}
