using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Wallet.Presentation;

namespace EndToEnd.Tests;

/// <summary>The reference wallet's authorization code flow against the real Issuer (its own authorization server).</summary>
[Collection(StackCollection.Name)]
public sealed class AuthorizationCodeFlowTests
{
    private const string RedirectUri = "http://127.0.0.1:9/callback";

    [Fact]
    public async Task Authorization_code_flow_with_par_and_pkce_s256_delivers_an_issuer_signed_credential()
    {
        await using var world = await OnboardingHarness.StartAsync();
        var offerUri = await CreateLegalPersonOfferAsync(world);
        var client = world.Wallet.Issuance;
        var offer = await client.ResolveOfferAsync(offerUri);
        Assert.NotNull(offer.AuthorizationCode?.IssuerState);
        var context = await client.DiscoverAsync(offer.CredentialIssuer);
        Assert.NotNull(context.AuthorizationServer.PushedAuthorizationRequestEndpoint);

        var session = await client.BeginAuthorizationCodeAsync(context, offer, "reference-wallet", RedirectUri);
        Assert.Contains("request_uri=", session.AuthorizationUrl.Query, StringComparison.Ordinal);
        var (code, state) = await FollowAuthorizationAsync(session.AuthorizationUrl);
        var token = await client.ExchangeAuthorizationCodeAsync(context, session, code, state);
        var result = token.CredentialIdentifiers.Count > 0
            ? await client.RequestCredentialAsync(context, token, null, token.CredentialIdentifiers[0])
            : await client.RequestCredentialAsync(context, token, "LegalPerson_jwt_vc_json");

        var credential = HeldCredential.FromVcJwt(Assert.Single(result.Credentials));
        Assert.Contains("https://w3id.org/gaia-x/development#LegalPerson", credential.Types);
        Assert.Equal(GaiaX.Oid4vc.Credentials.DidWeb.DidWebUrl.FromBaseUrl(world.Stack["issuer"].BaseUrl), credential.Issuer);
    }

    [Fact]
    public async Task Authorization_response_with_another_state_is_refused_by_the_wallet()
    {
        await using var world = await OnboardingHarness.StartAsync();
        var client = world.Wallet.Issuance;
        var offer = await client.ResolveOfferAsync(await CreateLegalPersonOfferAsync(world));
        var context = await client.DiscoverAsync(offer.CredentialIssuer);
        var session = await client.BeginAuthorizationCodeAsync(context, offer, "reference-wallet", RedirectUri);
        var (code, _) = await FollowAuthorizationAsync(session.AuthorizationUrl);

        await Assert.ThrowsAsync<GaiaX.Oid4vc.Wallet.WalletProtocolException>(() => client.ExchangeAuthorizationCodeAsync(context, session, code, "forged-state"));
    }

    private static async Task<string> CreateLegalPersonOfferAsync(OnboardingHarness world)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(world.Stack["issuer"].BaseUrl, "/api/offers"))
        {
            Content = JsonContent.Create(new JsonObject
            {
                ["credential_configuration_ids"] = new JsonArray("LegalPerson_jwt_vc_json"),
                ["subject_id"] = world.Participant.Did,
                ["claims"] = new JsonObject
                {
                    ["LegalPerson_jwt_vc_json"] = new JsonObject
                    {
                        ["gx:legalName"] = "Example Cloud GmbH",
                        ["gx:headquartersAddress"] = new JsonObject { ["gx:countryCode"] = "DE" },
                        ["gx:legalAddress"] = new JsonObject { ["gx:countryCode"] = "DE" },
                    },
                },
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", world.Tokens.IssuerToken());
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return (string)JsonNode.Parse(body)!["offer_uri"]!;
    }

    /// <summary>The user agent's part: open the authorization URL and read the redirect (the Issuer approves by issuer_state).</summary>
    private static async Task<(string Code, string? State)> FollowAuthorizationAsync(Uri authorizationUrl)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var response = await browser.GetAsync(authorizationUrl);
        Assert.True(response.StatusCode is HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.Redirect, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var location = response.Headers.Location!;
        Assert.StartsWith(RedirectUri, location.ToString(), StringComparison.Ordinal);
        var query = System.Web.HttpUtility.ParseQueryString(location.Query);
        return (query["code"] ?? throw new InvalidOperationException("no code in " + location), query["state"]);
    }
}
