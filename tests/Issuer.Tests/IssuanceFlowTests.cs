using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Duende.IdentityModel;
using Duende.IdentityModel.Client;

namespace Issuer.Tests;

/// <summary>The complete flows a wallet walks, end to end over HTTP.</summary>
public sealed class IssuanceFlowTests(IssuerFixture fixture) : IClassFixture<IssuerFixture>
{
    [Fact]
    public async Task Oid4vci_1_0_issuer_happy_flow_pre_authorized_code_with_tx_code_jwt_vc_json()
    {
        using var wallet = fixture.NewWallet();
        var created = await fixture.CreateOfferAsync(IssuerFixture.LegalPersonOffer());
        Assert.StartsWith("openid-credential-offer://?credential_offer_uri=", created["offer_uri"]!.GetValue<string>());
        var txCode = created["tx_code"]!.GetValue<string>();
        Assert.Matches("^[0-9]{6}$", txCode);

        var offer = await wallet.ResolveOfferAsync(created["offer_uri"]!.GetValue<string>());
        Assert.Equal(fixture.IssuerId, offer["credential_issuer"]!.GetValue<string>());
        Assert.Equal("numeric", offer["grants"]![TestWallet.PreAuthorizedGrant]!["tx_code"]!["input_mode"]!.GetValue<string>());

        var token = await wallet.RequestPreAuthorizedTokenAsync(TestWallet.PreAuthorizedCode(offer), txCode);
        Assert.False(token.IsError, token.ErrorDescription);
        Assert.Equal("Bearer", token.TokenType);
        Assert.Equal("no-store", token.HttpResponse!.Headers.CacheControl?.ToString());

        var holder = wallet.NewKey();
        var nonce = await wallet.NonceAsync();
        var (status, body, _) = await wallet.RequestCredentialAsync(token.AccessToken!, new
        {
            credential_configuration_id = "LegalPerson_jwt_vc_json",
            proofs = new { jwt = new[] { wallet.Proof(holder, nonce) } },
        });
        Assert.Equal(HttpStatusCode.OK, status);
        var credentials = body!["credentials"]!.AsArray();
        Assert.Single(credentials);
        Assert.NotNull(body["notification_id"]);

        var (header, payload) = await CredentialChecks.VerifyVcJwtAsync(fixture, credentials[0]!["credential"]!.GetValue<string>());
        Assert.Equal("vc+jwt", header["typ"]!.GetValue<string>());
        Assert.Equal("vc", header["cty"]!.GetValue<string>());
        Assert.Equal("https://www.w3.org/ns/credentials/v2", payload["@context"]![0]!.GetValue<string>());
        Assert.Equal("gx:LegalPerson", payload["type"]![1]!.GetValue<string>());
        Assert.Equal("Example AG", payload["credentialSubject"]!["gx:legalName"]!.GetValue<string>());
        Assert.StartsWith("did:jwk:", payload["credentialSubject"]!["id"]!.GetValue<string>());
        CredentialChecks.AssertBoundTo(payload, holder);

        var status2 = await fixture.OfferStatusAsync(created["offer_id"]!.GetValue<string>());
        Assert.Equal("issued", status2!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Oid4vci_1_0_issuer_happy_flow_pre_authorized_code_dc_sd_jwt()
    {
        using var wallet = fixture.NewWallet();
        var accessToken = await wallet.PreAuthorizedAccessTokenAsync(IssuerFixture.LegalPersonOffer(configuration: "LegalPerson_dc_sd_jwt"));
        var holder = wallet.NewKey();
        var (status, body, _) = await wallet.RequestCredentialAsync(accessToken, new
        {
            credential_configuration_id = "LegalPerson_dc_sd_jwt",
            proofs = new { jwt = new[] { wallet.Proof(holder, await wallet.NonceAsync()) } },
        });
        Assert.Equal(HttpStatusCode.OK, status);
        var sdJwt = body!["credentials"]![0]!["credential"]!.GetValue<string>();
        var (header, claims) = await CredentialChecks.VerifySdJwtAsync(fixture, sdJwt);
        Assert.Equal("dc+sd-jwt", header["typ"]!.GetValue<string>());
        Assert.Equal("Example AG", claims["legal_name"]!.GetValue<string>());
        CredentialChecks.AssertBoundTo(claims, holder);
        // The claims are selectively disclosable: the issuer-signed payload holds digests, not values.
        var issuerPayload = CredentialChecks.DecodePart(sdJwt.Split('~')[0].Split('.')[1]);
        Assert.Null(issuerPayload["legal_name"]);
        Assert.Equal(2, issuerPayload["_sd"]!.AsArray().Count);
    }

    [Fact]
    public async Task Oid4vci_1_0_issuer_happy_flow_authorization_code_with_pkce_and_par()
    {
        using var wallet = fixture.NewWallet();
        var created = await fixture.CreateOfferAsync(IssuerFixture.LegalPersonOffer(txCode: false));
        var offer = await wallet.ResolveOfferAsync(created["offer_uri"]!.GetValue<string>());
        var issuerState = offer["grants"]!["authorization_code"]!["issuer_state"]!.GetValue<string>();

        var verifier = CryptoRandom.CreateUniqueId(48);
        var challenge = System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var par = await wallet.Http.PushAuthorizationAsync(new PushedAuthorizationRequest
        {
            Address = fixture.IssuerId + "/par",
            ClientId = "test-wallet",
            ClientCredentialStyle = ClientCredentialStyle.PostBody,
            ResponseType = "code",
            RedirectUri = "https://wallet.example/cb",
            CodeChallenge = challenge,
            CodeChallengeMethod = "S256",
            State = "state-1",
            Parameters =
            {
                { "authorization_details", """[{"type":"openid_credential","credential_configuration_id":"LegalPerson_jwt_vc_json"}]""" },
                { "issuer_state", issuerState },
            },
        });
        Assert.False(par.IsError, par.Error);
        Assert.StartsWith("urn:ietf:params:oauth:request_uri:", par.RequestUri);

        var code = await AuthorizeAsync(fixture, "test-wallet", par.RequestUri!);
        Assert.Equal("state-1", code["state"]);
        Assert.Equal(fixture.IssuerId, code["iss"]);

        var token = await wallet.Http.RequestAuthorizationCodeTokenAsync(new AuthorizationCodeTokenRequest
        {
            Address = fixture.IssuerId + "/token",
            ClientId = "test-wallet",
            ClientCredentialStyle = ClientCredentialStyle.PostBody,
            Code = code["code"],
            RedirectUri = "https://wallet.example/cb",
            CodeVerifier = verifier,
        });
        Assert.False(token.IsError, token.ErrorDescription);
        var details = token.Json!.Value.GetProperty("authorization_details")[0];
        Assert.Equal("openid_credential", details.GetProperty("type").GetString());
        var identifier = details.GetProperty("credential_identifiers")[0].GetString()!;

        var holder = wallet.NewKey();
        var (status, body, _) = await wallet.RequestCredentialAsync(token.AccessToken!, new
        {
            credential_identifier = identifier,
            proofs = new { jwt = new[] { wallet.Proof(holder, await wallet.NonceAsync(), (_, p) => p["iss"] = "test-wallet") } },
        });
        Assert.Equal(HttpStatusCode.OK, status);
        var (_, payload) = await CredentialChecks.VerifyVcJwtAsync(fixture, body!["credentials"]![0]!["credential"]!.GetValue<string>());
        CredentialChecks.AssertBoundTo(payload, holder);
    }

    [Fact]
    public async Task Claim_paths_in_the_metadata_resolve_in_the_issued_credential()
    {
        using var wallet = fixture.NewWallet();
        var metadata = await fixture.Client.GetFromJsonAsync<JsonObject>("/.well-known/openid-credential-issuer");
        var accessToken = await wallet.PreAuthorizedAccessTokenAsync(IssuerFixture.LegalPersonOffer());
        var (status, body, _) = await wallet.RequestCredentialAsync(accessToken, new
        {
            credential_configuration_id = "LegalPerson_jwt_vc_json",
            proofs = new { jwt = new[] { wallet.Proof(wallet.NewKey(), await wallet.NonceAsync()) } },
        });
        Assert.Equal(HttpStatusCode.OK, status);
        var (_, credential) = await CredentialChecks.VerifyVcJwtAsync(fixture, body!["credentials"]![0]!["credential"]!.GetValue<string>());

        // Appendix C: a claims path pointer is resolved from the credential's root.
        var claims = metadata!["credential_configurations_supported"]!["LegalPerson_jwt_vc_json"]!["credential_metadata"]!["claims"]!.AsArray();
        foreach (var claim in claims.Where(c => c!["mandatory"]?.GetValue<bool>() == true))
        {
            var path = claim!["path"]!.AsArray().Select(p => p!.GetValue<string>()).ToList();
            Assert.Equal("credentialSubject", path[0]);
            JsonNode? node = credential;
            foreach (var name in path)
            {
                node = node?[name];
            }
            Assert.True(node is not null, $"metadata claim path [{string.Join(", ", path)}] does not resolve in the issued credential");
        }
    }

    [Fact]
    public async Task Notification_with_a_notification_id_from_the_credential_response_is_answered_204()
    {
        using var wallet = fixture.NewWallet();
        var accessToken = await wallet.PreAuthorizedAccessTokenAsync(IssuerFixture.LegalPersonOffer());
        var (_, body, _) = await wallet.RequestCredentialAsync(accessToken, new
        {
            credential_configuration_id = "LegalPerson_jwt_vc_json",
            proofs = new { jwt = new[] { wallet.Proof(wallet.NewKey(), await wallet.NonceAsync()) } },
        });
        var notificationId = body!["notification_id"]!.GetValue<string>();
        var (status, _, _) = await wallet.PostAsync("/notification", accessToken, new { notification_id = notificationId, @event = "credential_accepted" });
        Assert.Equal(HttpStatusCode.NoContent, status);
        var (repeated, _, _) = await wallet.PostAsync("/notification", accessToken, new { notification_id = notificationId, @event = "credential_accepted" });
        Assert.Equal(HttpStatusCode.NoContent, repeated);
    }

    /// <summary>Follows <c>/authorize</c> without a browser: the 302's query is the authorization response.</summary>
    public static async Task<Dictionary<string, string>> AuthorizeAsync(IssuerFixture fixture, string clientId, string requestUri)
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = fixture.Host.BaseUrl };
        var url = new RequestUrl(fixture.IssuerId + "/authorize").Create(new Parameters { { "client_id", clientId }, { "request_uri", requestUri } });
        using var response = await client.GetAsync(new Uri(url));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal("wallet.example", location.Host);
        return location.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
    }
}

