using System.Buffers.Text;
using System.Net;
using System.Text.Json.Nodes;
using Verifier.Tests.Support;

namespace Verifier.Tests.Requests;

/// <summary>The request object and the request URI (OpenID4VP 1.0 §5, §5.10).</summary>
public sealed class RequestObjectTests(VerifierFixture fixture) : IClassFixture<VerifierFixture>
{
    private VerifierHost Verifier => fixture.Verifier;

    [Fact]
    public async Task Request_object_carries_client_id_response_uri_mode_nonce_state_dcql_query_and_client_metadata()
    {
        using var wallet = Verifier.NewWallet();
        var dcql = Queries.Dcql(Queries.LegalPersonCredentialQuery(), Queries.EmployeeCredentialQuery());
        var created = await Verifier.CreateRequestAsync(Queries.Request(dcql, responseMode: "direct_post.jwt"));
        var request = await wallet.FetchAsync((string)created["authorization_request_uri"]!);
        var payload = request.Payload;
        Assert.Equal("vp_token", (string?)payload["response_type"]);
        Assert.Equal($"{Verifier.Host.BaseUrl.ToString().TrimEnd('/')}/response/{created["request_id"]}", request.ResponseUri);
        Assert.Equal("https://self-issued.me/v2", (string?)payload["aud"]);
        Assert.True(Base64Url.DecodeFromChars(request.Nonce).Length >= 16, "nonce has at least 128 bits");
        Assert.True(Base64Url.DecodeFromChars(request.State).Length >= 16, "state has at least 128 bits");
        Assert.True(JsonNode.DeepEquals(dcql, payload["dcql_query"]));
        Assert.True((long)payload["exp"]! > (long)payload["iat"]!);
        var formats = payload["client_metadata"]!["vp_formats_supported"]!;
        Assert.Contains("ES256", formats["jwt_vc_json"]!["alg_values"]!.AsArray().Select(a => (string?)a));
        Assert.Contains("ES256", formats["dc+sd-jwt"]!["kb-jwt_alg_values"]!.AsArray().Select(a => (string?)a));
        Assert.Equal(["A128GCM", "A256GCM"], payload["client_metadata"]!["encrypted_response_enc_values_supported"]!.AsArray().Select(a => (string)a!));
        Assert.Equal("enc", (string?)request.EncryptionJwk!["use"]);
        Assert.NotNull(request.EncryptionJwk["kid"]);
        Assert.Null(payload["redirect_uri"]);
    }

    [Fact]
    public async Task Direct_post_request_offers_no_encryption_key()
    {
        using var wallet = Verifier.NewWallet();
        var created = await Verifier.CreateRequestAsync(Queries.Request(Queries.Dcql(Queries.LegalPersonCredentialQuery())));
        var request = await wallet.FetchAsync((string)created["authorization_request_uri"]!);
        Assert.Null(request.Payload["client_metadata"]!["jwks"]);
    }

    [Fact]
    public async Task Each_request_gets_its_own_nonce_state_and_encryption_key()
    {
        using var wallet = Verifier.NewWallet();
        var body = Queries.Request(Queries.Dcql(Queries.LegalPersonCredentialQuery()), responseMode: "direct_post.jwt");
        var first = await wallet.FetchAsync((string)(await Verifier.CreateRequestAsync(body))["authorization_request_uri"]!);
        var second = await wallet.FetchAsync((string)(await Verifier.CreateRequestAsync(body.DeepClone().AsObject()))["authorization_request_uri"]!);
        Assert.NotEqual(first.Nonce, second.Nonce);
        Assert.NotEqual(first.State, second.State);
        Assert.NotEqual((string?)first.EncryptionJwk!["x"], (string?)second.EncryptionJwk!["x"]);
    }

    [Fact]
    public async Task Unknown_request_uri_answers_404_with_an_oauth_error()
    {
        using var response = await Verifier.Client.GetAsync(new Uri("/request/unknown", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("invalid_request", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]);
    }

    [Fact]
    public async Task Wallet_metadata_supporting_none_of_the_requested_formats_is_answered_with_vp_formats_not_supported()
    {
        using var wallet = Verifier.NewWallet();
        var created = await Verifier.CreateRequestAsync(Queries.Request(Queries.Dcql(Queries.LegalPersonCredentialQuery()), method: "post"));
        var metadata = new JsonObject { ["vp_formats_supported"] = new JsonObject { ["mso_mdoc"] = new JsonObject() } }.ToJsonString();
        var error = await Assert.ThrowsAsync<WalletException>(() => wallet.FetchAsync((string)created["authorization_request_uri"]!, "n1", metadata));
        Assert.Equal(400, error.Status);
        Assert.Equal("vp_formats_not_supported", (string?)JsonNode.Parse(error.Body)!["error"]);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    public async Task Malformed_wallet_metadata_is_answered_with_invalid_request(string metadata)
    {
        using var wallet = Verifier.NewWallet();
        var created = await Verifier.CreateRequestAsync(Queries.Request(Queries.Dcql(Queries.LegalPersonCredentialQuery()), method: "post"));
        var error = await Assert.ThrowsAsync<WalletException>(() => wallet.FetchAsync((string)created["authorization_request_uri"]!, "n1", metadata));
        Assert.Equal("invalid_request", (string?)JsonNode.Parse(error.Body)!["error"]);
    }

    [Fact]
    public async Task Request_object_of_an_answered_request_is_no_longer_served()
    {
        var issuer = Verifier.Issuer;
        using var wallet = Verifier.NewWallet();
        var created = await Verifier.CreateRequestAsync(Queries.Request(Queries.Dcql(Queries.LegalPersonCredentialQuery())));
        var request = await wallet.FetchAsync((string)created["authorization_request_uri"]!);
        var vp = wallet.PresentVcJwt(request, [issuer.IssueVcJwt("LegalPerson", Queries.LegalPersonSubject(), holderJwk: wallet.HolderJwk)]);
        using var response = await wallet.PostDirectAsync(request, new JsonObject { ["legal_person"] = new JsonArray(vp) });
        response.EnsureSuccessStatusCode();
        var error = await Assert.ThrowsAsync<WalletException>(() => wallet.FetchAsync((string)created["authorization_request_uri"]!));
        Assert.Equal(400, error.Status);
    }

    [Fact]
    public async Task Did_document_publishes_the_request_signing_key_under_the_verifier_did()
    {
        var document = JsonNode.Parse(await Verifier.Client.GetStringAsync(new Uri("/.well-known/did.json", UriKind.Relative)))!;
        var did = (string)document["id"]!;
        Assert.Equal($"did:web:127.0.0.1%3A{Verifier.Host.BaseUrl.Port}", did);
        var method = document["verificationMethod"]![0]!;
        Assert.StartsWith(did + "#", (string?)method["id"]);
        Assert.Null(method["publicKeyJwk"]!["d"]);
    }

    [Fact]
    public async Task Response_that_is_not_form_encoded_is_answered_with_invalid_request()
    {
        using var wallet = Verifier.NewWallet();
        var created = await Verifier.CreateRequestAsync(Queries.Request(Queries.Dcql(Queries.LegalPersonCredentialQuery())));
        var request = await wallet.FetchAsync((string)created["authorization_request_uri"]!);
        using var response = await Verifier.Client.PostAsync(new Uri(request.ResponseUri), new StringContent("{\"vp_token\":{}}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]);
    }

    [Fact]
    public async Task Response_for_an_unknown_request_answers_404_with_an_oauth_error()
    {
        using var response = await Verifier.Client.PostAsync(new Uri("/response/unknown", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { ["vp_token"] = "{}", ["state"] = "x" }));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("invalid_request", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]);
    }
}
