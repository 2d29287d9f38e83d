using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Issuer.Tests;

/// <summary>Issuer and authorization server metadata, and the management API.</summary>
public sealed class MetadataAndManagementTests(IssuerFixture fixture) : IClassFixture<IssuerFixture>
{
    [Fact]
    public async Task Issuer_metadata_names_the_issuer_exactly_and_every_endpoint_and_configuration()
    {
        var metadata = await fixture.Client.GetFromJsonAsync<JsonObject>("/.well-known/openid-credential-issuer");
        Assert.Equal(fixture.IssuerId, metadata!["credential_issuer"]!.GetValue<string>());
        Assert.Equal(fixture.IssuerId + "/credential", metadata["credential_endpoint"]!.GetValue<string>());
        Assert.Equal(fixture.IssuerId + "/nonce", metadata["nonce_endpoint"]!.GetValue<string>());
        Assert.Equal(fixture.IssuerId + "/deferred_credential", metadata["deferred_credential_endpoint"]!.GetValue<string>());
        Assert.Equal(fixture.IssuerId + "/notification", metadata["notification_endpoint"]!.GetValue<string>());
        Assert.True(metadata["batch_credential_issuance"]!["batch_size"]!.GetValue<int>() >= 2);
        var configuration = metadata["credential_configurations_supported"]!["LegalPerson_jwt_vc_json"]!;
        Assert.Equal("jwt_vc_json", configuration["format"]!.GetValue<string>());
        Assert.Equal("gx:LegalPerson", configuration["credential_definition"]!["type"]![1]!.GetValue<string>());
        Assert.Equal("ES256", configuration["credential_signing_alg_values_supported"]![0]!.GetValue<string>());
        Assert.Contains("jwk", configuration["cryptographic_binding_methods_supported"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.NotNull(configuration["proof_types_supported"]!["jwt"]!["proof_signing_alg_values_supported"]);
        Assert.NotNull(configuration["credential_metadata"]!["claims"]);
        Assert.NotNull(configuration["credential_metadata"]!["display"]);
        var prepared = metadata["credential_configurations_supported"]!["VatID"]!;
        Assert.Null(prepared["proof_types_supported"]);
        Assert.Equal(fixture.IssuerId + "/types/LegalPerson_dc_sd_jwt", metadata["credential_configurations_supported"]!["LegalPerson_dc_sd_jwt"]!["vct"]!.GetValue<string>());
    }

    [Fact]
    public async Task Issuer_metadata_is_signed_when_the_wallet_accepts_application_jwt()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/.well-known/openid-credential-issuer");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/jwt"));
        using var response = await fixture.Client.SendAsync(request);
        Assert.Equal("application/jwt", response.Content.Headers.ContentType!.MediaType);
        var jwt = await response.Content.ReadAsStringAsync();
        var (header, payload) = await CredentialChecks.VerifyIssuerJwsAsync(fixture, jwt, "openidvci-issuer-metadata+jwt");
        Assert.Equal("openidvci-issuer-metadata+jwt", header["typ"]!.GetValue<string>());
        Assert.Equal(fixture.IssuerId, payload["sub"]!.GetValue<string>());
        Assert.Equal(fixture.IssuerId, payload["credential_issuer"]!.GetValue<string>());
        Assert.NotNull(payload["iat"]);
    }

    /// <summary>Signed metadata, as oid4vci-1_0-issuer-metadata-test-signed checks it: application/jwt, verified with the x5c alone.</summary>
    [Fact]
    public async Task Oid4vci_1_0_issuer_metadata_test_signed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/.well-known/openid-credential-issuer");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/jwt"));
        using var response = await fixture.Client.SendAsync(request);
        Assert.Equal("application/jwt", response.Content.Headers.ContentType!.MediaType);
        var jwt = await response.Content.ReadAsStringAsync();
        var header = JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(jwt.Split('.')[0]))!;

        using var leaf = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(
            Convert.FromBase64String(header["x5c"]![0]!.GetValue<string>()));
        var validation = await new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().ValidateTokenAsync(jwt,
            new Microsoft.IdentityModel.Tokens.TokenValidationParameters
            {
                IssuerSigningKey = new Microsoft.IdentityModel.Tokens.ECDsaSecurityKey(System.Security.Cryptography.X509Certificates.ECDsaCertificateExtensions.GetECDsaPublicKey(leaf)),
                ValidateIssuer = false,
                ValidateAudience = false,
                ValidTypes = ["openidvci-issuer-metadata+jwt"],
            });

        Assert.True(validation.IsValid, validation.Exception?.Message);
    }

    [Theory]
    [InlineData("application/json, application/jwt", "application/json")]
    [InlineData("application/jwt, application/json;q=0.5", "application/jwt")]
    [InlineData("application/jwt;q=0.5, */*", "application/json")]
    [InlineData("text/html", "application/json")]
    public async Task Issuer_metadata_is_signed_only_when_the_wallet_prefers_application_jwt(string accept, string expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/.well-known/openid-credential-issuer");
        request.Headers.TryAddWithoutValidation("Accept", accept);
        using var response = await fixture.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Authorization_server_metadata_announces_PAR_PKCE_S256_DPoP_and_the_pre_authorized_grant()
    {
        var metadata = await fixture.Client.GetFromJsonAsync<JsonObject>("/.well-known/oauth-authorization-server");
        Assert.Equal(fixture.IssuerId, metadata!["issuer"]!.GetValue<string>());
        Assert.Equal(fixture.IssuerId + "/par", metadata["pushed_authorization_request_endpoint"]!.GetValue<string>());
        Assert.Equal(["S256"], metadata["code_challenge_methods_supported"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Contains(TestWallet.PreAuthorizedGrant, metadata["grant_types_supported"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Contains("refresh_token", metadata["grant_types_supported"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.True(metadata["pre-authorized_grant_anonymous_access_supported"]!.GetValue<bool>());
        Assert.NotNull(metadata["dpop_signing_alg_values_supported"]);
    }

    [Fact]
    public async Task Management_api_without_a_token_answers_401()
    {
        using var response = await fixture.Client.PostAsJsonAsync("/api/offers", IssuerFixture.LegalPersonOffer());
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Management_api_with_a_token_lacking_the_write_scope_answers_403()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/offers") { Content = JsonContent.Create(IssuerFixture.LegalPersonOffer()) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.ManagementToken("issuer.offers.read"));
        using var response = await fixture.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Offer_with_claims_that_do_not_match_the_configuration_is_refused_listing_every_problem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/offers")
        {
            Content = JsonContent.Create(new
            {
                credential_configuration_ids = new[] { "LegalPerson_jwt_vc_json", "NoSuchConfiguration" },
                claims = new Dictionary<string, object> { ["LegalPerson_jwt_vc_json"] = new Dictionary<string, object> { ["gx:legalName"] = 42, ["gx:shoeSize"] = "44" } },
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.ManagementToken());
        using var response = await fixture.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var pointers = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsArray().Select(e => (string)e!["pointer"]!);
        Assert.Equal(
            [
                "/claims/LegalPerson_jwt_vc_json/gx:legalName",
                "/claims/LegalPerson_jwt_vc_json/gx:headquartersAddress/gx:countryCode",
                "/claims/LegalPerson_jwt_vc_json/gx:legalAddress/gx:countryCode",
                "/claims/LegalPerson_jwt_vc_json/gx:shoeSize",
                "/credential_configuration_ids/1",
            ],
            pointers
        );
    }

    [Fact]
    public async Task Offer_created_by_value_carries_the_offer_object_in_the_uri()
    {
        var created = await fixture.CreateOfferAsync(IssuerFixture.LegalPersonOffer());
        using var wallet = fixture.NewWallet();
        var byValue = await wallet.ResolveOfferAsync(created["offer_uri_by_value"]!.GetValue<string>());
        Assert.Equal(created["credential_offer"]!.ToJsonString(), byValue.ToJsonString());
    }

    [Fact]
    public async Task Offer_qr_codes_are_served_as_png_and_svg()
    {
        var created = await fixture.CreateOfferAsync(IssuerFixture.LegalPersonOffer());
        var id = created["offer_id"]!.GetValue<string>();
        foreach (var (suffix, type) in new[] { ("png", "image/png"), ("svg", "image/svg+xml") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/offers/{id}/qr.{suffix}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.ManagementToken());
            using var response = await fixture.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(type, response.Content.Headers.ContentType!.MediaType);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.True(bytes.Length > 100);
        }
    }

    [Fact]
    public async Task Offer_status_moves_from_offered_to_token_issued()
    {
        var created = await fixture.CreateOfferAsync(IssuerFixture.LegalPersonOffer());
        var id = created["offer_id"]!.GetValue<string>();
        Assert.Equal("offered", (await fixture.OfferStatusAsync(id))!["status"]!.GetValue<string>());
        using var wallet = fixture.NewWallet();
        await wallet.RequestPreAuthorizedTokenAsync(TestWallet.PreAuthorizedCode(created["credential_offer"]!.AsObject()), created["tx_code"]!.GetValue<string>());
        Assert.Equal("token_issued", (await fixture.OfferStatusAsync(id))!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unredeemed_offer_expires_and_its_pre_authorized_code_is_rejected_with_invalid_grant()
    {
        var created = await fixture.CreateOfferAsync(new
        {
            credential_configuration_ids = new[] { "LabelCredential" },
            expires_in = 60,
        });
        var id = created["offer_id"]!.GetValue<string>();
        fixture.Time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal("expired", (await fixture.OfferStatusAsync(id))!["status"]!.GetValue<string>());
        using var wallet = fixture.NewWallet();
        var token = await wallet.RequestPreAuthorizedTokenAsync(TestWallet.PreAuthorizedCode(created["credential_offer"]!.AsObject()), null);
        Assert.Equal("invalid_grant", token.Error);
        using var offer = await fixture.Client.GetAsync(new Uri(created["credential_offer_uri"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.NotFound, offer.StatusCode);
    }

    [Fact]
    public async Task Management_api_without_configured_authentication_refuses_every_token()
    {
        var identity = Path.Combine(Path.GetTempPath(), "issuer-tests-" + Guid.NewGuid().ToString("N"));
        var dapr = GaiaX.Oid4vc.Testing.DaprTestEnvironment.InMemory();
        try
        {
            var closed = await dapr.StartServiceAsync("issuer", (a, c) => GaiaX.Oid4vc.Issuer.IssuerProgram.Create(a, c), "Issuer", IssuerFixture.IdentityArgs(identity));
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/offers") { Content = JsonContent.Create(IssuerFixture.LegalPersonOffer()) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.ManagementToken());
            using var response = await closed.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            using var metadata = await closed.Client.GetAsync("/.well-known/openid-credential-issuer");
            Assert.Equal(HttpStatusCode.OK, metadata.StatusCode);
        }
        finally
        {
            await dapr.DisposeAsync();
            if (Directory.Exists(identity))
            {
                Directory.Delete(identity, recursive: true);
            }
        }
    }

    [Fact]
    public void Development_token_carries_the_management_scopes()
    {
        var token = fixture.ManagementToken();
        var payload = JsonNode.Parse(Base64Url.DecodeFromChars(token.Split('.')[1]))!;
        Assert.Contains("issuer.offers.write", payload["scope"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
