using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Verifier.Tests.Support;

namespace Verifier.Tests.Attacks;

/// <summary>
/// Items 6 and 9 of issue 18: a request belongs to the relying party named by the token that created
/// it, and the management API's links come from the configured public base URL, never from the
/// caller's <c>Host</c> header.
/// </summary>
public sealed class ManagementTokenTests(VerifierFixture fixture) : IClassFixture<VerifierFixture>
{
    private VerifierHost Verifier => fixture.Verifier;

    private static JsonObject Body() => Queries.Request(Queries.Dcql(Queries.LegalPersonCredentialQuery()));

    private async Task<HttpResponseMessage> GetAsync(string uri, string token)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, uri);
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await Verifier.Client.SendAsync(message);
    }

    [Fact]
    public async Task Token_naming_no_relying_party_cannot_create_a_request()
    {
        using var response = await Verifier.PostRequestAsync(Body(), Verifier.Token(subject: null));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Token_naming_no_relying_party_cannot_read_requests()
    {
        var created = await Verifier.CreateRequestAsync(Body());
        var anonymous = Verifier.Token("verifier.requests.read", subject: null);
        foreach (var suffix in new[] { "", "/qr.png", "/qr.svg" })
        {
            using var response = await GetAsync($"/api/presentation-requests/{created["request_id"]}{suffix}", anonymous);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }

    [Theory]
    [InlineData("sub")]
    [InlineData("azp")]
    [InlineData("client_id")]
    public async Task Request_of_one_relying_party_is_not_found_for_another(string claim)
    {
        var owner = Verifier.Token(subject: null, extraClaims: new JsonObject { [claim] = "relying-party-a" });
        using var created = await Verifier.PostRequestAsync(Body(), owner);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["request_id"]!;

        var other = Verifier.Token("verifier.requests.read", subject: null, extraClaims: new JsonObject { [claim] = "relying-party-b" });
        using var foreign = await GetAsync($"/api/presentation-requests/{id}", other);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        using var own = await GetAsync($"/api/presentation-requests/{id}", Verifier.Token("verifier.requests.read", subject: null, extraClaims: new JsonObject { [claim] = "relying-party-a" }));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task Location_and_status_uri_use_the_public_base_url_not_the_host_header()
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "/api/presentation-requests") { Content = System.Net.Http.Json.JsonContent.Create(Body()) };
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Verifier.Token());
        message.Headers.Host = "attacker.example";
        message.Headers.Add("X-Forwarded-Host", "attacker.example");
        message.Headers.Add("X-Forwarded-Proto", "https");
        using var response = await Verifier.Client.SendAsync(message);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var publicBase = Verifier.Host.BaseUrl.ToString().TrimEnd('/');
        var expected = $"{publicBase}/api/presentation-requests/{body["request_id"]}";
        Assert.Equal(expected, response.Headers.Location?.ToString());
        Assert.Equal(expected, (string?)body["status_uri"]);
        Assert.Equal(expected + "/qr.png", (string?)body["qr_code"]!["png"]);
        Assert.Equal(expected + "/qr.svg", (string?)body["qr_code"]!["svg"]);
        Assert.DoesNotContain("attacker", body.ToJsonString(), StringComparison.Ordinal);
    }
}
