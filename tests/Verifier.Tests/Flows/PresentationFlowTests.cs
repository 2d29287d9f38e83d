using System.Net;
using System.Text.Json.Nodes;
using Verifier.Tests.Support;

namespace Verifier.Tests.Flows;

/// <summary>The acceptance flows: a test wallet answers real requests over real HTTP.</summary>
public sealed class PresentationFlowTests(VerifierFixture fixture) : IClassFixture<VerifierFixture>
{
    private VerifierHost Verifier => fixture.Verifier;

    [Fact]
    public async Task Wallet_presents_one_vc_jwt_over_direct_post_and_the_request_is_verified()
    {
        var issuer = Verifier.Issuer;
        using var wallet = Verifier.NewWallet();
        var created = await Verifier.CreateRequestAsync(Queries.Request(Queries.Dcql(Queries.LegalPersonCredentialQuery())));
        var requestId = (string)created["request_id"]!;
        Assert.StartsWith("openid4vp://?client_id=decentralized_identifier%3Adid%3Aweb%3A", (string)created["authorization_request_uri"]!);
        Assert.Equal("pending", (string?)(await Verifier.StatusAsync(requestId))["status"]);

        var request = await wallet.FetchAsync((string)created["authorization_request_uri"]!);
        Assert.Equal("direct_post", request.ResponseMode);
        Assert.Equal("retrieved", (string?)(await Verifier.StatusAsync(requestId))["status"]);

        var credential = issuer.IssueVcJwt("LegalPerson", Queries.LegalPersonSubject(), holderJwk: wallet.HolderJwk);
        using var response = await wallet.PostDirectAsync(request, new JsonObject { ["legal_person"] = new JsonArray(wallet.PresentVcJwt(request, [credential])) });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);

        var status = await Verifier.StatusAsync(requestId);
        Assert.Equal("verified", (string?)status["status"]);
        var verified = status["verified_credentials"]!["legal_person"]!.AsArray().Single()!;
        Assert.Equal("Example Corp", (string?)verified["claims"]!["credentialSubject"]!["legalName"]);
        Assert.Equal(issuer.Id, (string?)verified["issuer"]);
        var published = Assert.Single(await Verifier.Events.ForRequestAsync(requestId));
        Assert.Equal(credential, Assert.Single(published.Credentials));
        Assert.Equal(wallet.Did, published.Holder);
        Assert.Single(published.Presentations);
    }

    [Theory]
    [InlineData("A128GCM")]
    [InlineData("A256GCM")]
    public async Task Wallet_presents_a_vc_jwt_and_a_selectively_disclosed_sd_jwt_vc_over_direct_post_jwt(string enc)
    {
        var issuer = Verifier.Issuer;
        using var wallet = Verifier.NewWallet();
        var dcql = Queries.Dcql(Queries.LegalPersonCredentialQuery(), Queries.EmployeeCredentialQuery());
        var created = await Verifier.CreateRequestAsync(Queries.Request(dcql, responseMode: "direct_post.jwt"));
        var request = await wallet.FetchAsync((string)created["authorization_request_uri"]!);
        Assert.Equal("direct_post.jwt", request.ResponseMode);
        var jwk = request.EncryptionJwk!;
        Assert.Equal("ECDH-ES", (string?)jwk["alg"]);
        Assert.Equal("P-256", (string?)jwk["crv"]);
        Assert.Null(jwk["d"]);

        var legalPerson = issuer.IssueVcJwt("LegalPerson", Queries.LegalPersonSubject(), holderJwk: wallet.HolderJwk);
        var employee = issuer.IssueSdJwt(Queries.EmployeeVct, Queries.EmployeeClaims(), wallet.HolderJwk);
        var vpToken = new JsonObject
        {
            ["legal_person"] = new JsonArray(wallet.PresentVcJwt(request, [legalPerson])),
            ["employee"] = new JsonArray(wallet.PresentSdJwt(request, employee, ["given_name", "family_name"])),
        };
        using var response = await wallet.PostEncryptedAsync(request, vpToken, enc);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var status = await Verifier.StatusAsync((string)created["request_id"]!);
        Assert.Equal("verified", (string?)status["status"]);
        var claims = status["verified_credentials"]!["employee"]![0]!["claims"]!;
        Assert.Equal("Ada", (string?)claims["given_name"]);
        Assert.Equal("Lovelace", (string?)claims["family_name"]);
        Assert.Null(claims["email"]); // not disclosed
        Assert.Null(claims["_sd"]);
        Assert.Equal(Queries.EmployeeVct, (string?)status["verified_credentials"]!["employee"]![0]!["vct"]);
    }

    [Fact]
    public async Task Wallet_fetches_the_request_object_with_request_uri_method_post_and_its_wallet_nonce_is_echoed()
    {
        var issuer = Verifier.Issuer;
        using var wallet = Verifier.NewWallet();
        var created = await Verifier.CreateRequestAsync(Queries.Request(Queries.Dcql(Queries.LegalPersonCredentialQuery()), method: "post"));
        var invocation = (string)created["authorization_request_uri"]!;
        Assert.Contains("request_uri_method=post", invocation);

        var metadata = new JsonObject
        {
            ["issuer"] = "https://wallet.example.org",
            ["vp_formats_supported"] = new JsonObject { ["jwt_vc_json"] = new JsonObject() },
        }.ToJsonString();
        var request = await wallet.FetchAsync(invocation, walletNonce: "qPmxiNFCR3QTm19POc8u", walletMetadata: metadata);
        Assert.Equal("https://wallet.example.org", (string?)request.Payload["aud"]);

        var credential = issuer.IssueVcJwt("LegalPerson", Queries.LegalPersonSubject(), holderJwk: wallet.HolderJwk);
        using var response = await wallet.PostDirectAsync(request, new JsonObject { ["legal_person"] = new JsonArray(wallet.PresentVcJwt(request, [credential])) });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("verified", (string?)(await Verifier.StatusAsync((string)created["request_id"]!))["status"]);
    }

    [Fact]
    public async Task Request_signed_under_x509_san_dns_verifies_with_the_x5c_leaf_and_presentations_bind_to_that_client_id()
    {
        var issuer = Verifier.Issuer;
        using var wallet = Verifier.NewWallet();
        var created = await Verifier.CreateRequestAsync(Queries.Request(Queries.Dcql(Queries.EmployeeCredentialQuery()), prefix: "x509_san_dns"));
        Assert.Equal($"x509_san_dns:{VerifierHost.X509DnsName}", (string?)created["client_id"]);
        var request = await wallet.FetchAsync((string)created["authorization_request_uri"]!);
        Assert.NotNull(request.Header["x5c"]);
        Assert.Null(request.Header["kid"]);

        var employee = issuer.IssueSdJwt(Queries.EmployeeVct, Queries.EmployeeClaims(), wallet.HolderJwk);
        using var response = await wallet.PostDirectAsync(request, new JsonObject { ["employee"] = new JsonArray(wallet.PresentSdJwt(request, employee, ["given_name", "family_name"])) });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("verified", (string?)(await Verifier.StatusAsync((string)created["request_id"]!))["status"]);
    }

    [Fact]
    public async Task Request_signed_under_x509_hash_names_the_SHA_256_of_its_x5c_leaf_and_presentations_bind_to_that_client_id()
    {
        var issuer = Verifier.Issuer;
        using var wallet = Verifier.NewWallet();
        var created = await Verifier.CreateRequestAsync(Queries.Request(Queries.Dcql(Queries.EmployeeCredentialQuery()), prefix: "x509_hash"));
        Assert.StartsWith("x509_hash:", (string?)created["client_id"]);
        var request = await wallet.FetchAsync((string)created["authorization_request_uri"]!);
        Assert.NotNull(request.Header["x5c"]);

        var employee = issuer.IssueSdJwt(Queries.EmployeeVct, Queries.EmployeeClaims(), wallet.HolderJwk);
        using var response = await wallet.PostDirectAsync(request, new JsonObject { ["employee"] = new JsonArray(wallet.PresentSdJwt(request, employee, ["given_name", "family_name"])) });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("verified", (string?)(await Verifier.StatusAsync((string)created["request_id"]!))["status"]);
    }

    [Fact]
    public async Task Same_device_response_redirects_with_a_single_use_response_code_that_releases_the_result()
    {
        var issuer = Verifier.Issuer;
        using var wallet = Verifier.NewWallet();
        var created = await Verifier.CreateRequestAsync(Queries.Request(Queries.Dcql(Queries.LegalPersonCredentialQuery()), redirectUri: "https://rp.example.org/callback"));
        var requestId = (string)created["request_id"]!;
        var request = await wallet.FetchAsync((string)created["authorization_request_uri"]!);
        var credential = issuer.IssueVcJwt("LegalPerson", Queries.LegalPersonSubject(), holderJwk: wallet.HolderJwk);
        using var response = await wallet.PostDirectAsync(request, new JsonObject { ["legal_person"] = new JsonArray(wallet.PresentVcJwt(request, [credential])) });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var redirect = (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["redirect_uri"]!;
        Assert.StartsWith("https://rp.example.org/callback#response_code=", redirect);
        var code = redirect[(redirect.IndexOf('=') + 1)..];

        // Without the code the relying party sees the outcome but not the credentials.
        var withheld = await Verifier.StatusAsync(requestId);
        Assert.Equal("verified", (string?)withheld["status"]);
        Assert.Null(withheld["verified_credentials"]);
        Assert.True((bool)withheld["response_code_required"]!);

        var released = await Verifier.StatusAsync(requestId, code);
        Assert.Equal("Example Corp", (string?)released["verified_credentials"]!["legal_person"]![0]!["claims"]!["credentialSubject"]!["legalName"]);

        using var again = new HttpRequestMessage(HttpMethod.Get, $"/api/presentation-requests/{requestId}?response_code={code}");
        again.Headers.Authorization = new("Bearer", Verifier.Token("verifier.requests.read"));
        using var second = await Verifier.Client.SendAsync(again);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Contains("single-use", await second.Content.ReadAsStringAsync());
    }
}
