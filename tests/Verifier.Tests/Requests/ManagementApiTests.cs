using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Testing;
using Verifier.Tests.Support;

namespace Verifier.Tests.Requests;

/// <summary>The relying party's management API: bearer-protected, validated, answered with problem details.</summary>
public sealed class ManagementApiTests(VerifierFixture fixture) : IClassFixture<VerifierFixture>
{
    private VerifierHost Verifier => fixture.Verifier;

    private static JsonObject ValidBody() => Queries.Request(Queries.Dcql(Queries.LegalPersonCredentialQuery()));

    private async Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(JsonObject body, string? token = null)
    {
        using var response = await Verifier.PostRequestAsync(body, token);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? [] : JsonNode.Parse(text)!.AsObject());
    }

    [Fact]
    public async Task Creating_a_request_without_a_bearer_token_is_refused_with_401()
    {
        using var response = await Verifier.Client.PostAsync(new Uri("/api/presentation-requests", UriKind.Relative), new StringContent(ValidBody().ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Token_with_only_the_read_scope_cannot_create_requests()
    {
        var (status, _) = await PostAsync(ValidBody(), Verifier.Token("verifier.requests.read"));
        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [Fact]
    public async Task Token_for_another_audience_is_refused_with_401()
    {
        var (status, _) = await PostAsync(ValidBody(), Verifier.Token(audience: "someone-else"));
        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Reading_a_status_needs_the_read_scope()
    {
        var created = await Verifier.CreateRequestAsync(ValidBody());
        using var message = new HttpRequestMessage(HttpMethod.Get, $"/api/presentation-requests/{created["request_id"]}");
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Verifier.Token("openid"));
        using var response = await Verifier.Client.SendAsync(message);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Another_relying_party_cannot_read_a_request_it_did_not_create()
    {
        var created = await Verifier.CreateRequestAsync(ValidBody());
        foreach (var path in new[] { $"/api/presentation-requests/{created["request_id"]}", $"/api/presentation-requests/{created["request_id"]}/qr.png" })
        {
            using var message = new HttpRequestMessage(HttpMethod.Get, path);
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Verifier.Token("verifier.requests.read", subject: "another-party"));
            using var response = await Verifier.Client.SendAsync(message);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Fact]
    public async Task Created_request_answers_201_with_location_invocation_uri_request_uri_qr_links_and_status_uri()
    {
        using var response = await Verifier.PostRequestAsync(ValidBody());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var id = (string)body["request_id"]!;
        Assert.Equal((string?)body["status_uri"], response.Headers.Location?.ToString());
        Assert.Equal($"{Verifier.Host.BaseUrl.ToString().TrimEnd('/')}/request/{id}", (string?)body["request_uri"]);
        var invocation = new Uri((string)body["authorization_request_uri"]!);
        Assert.Equal("openid4vp", invocation.Scheme);
        var query = System.Web.HttpUtility.ParseQueryString(invocation.Query);
        Assert.Equal((string?)body["client_id"], query["client_id"]);
        Assert.Equal((string?)body["request_uri"], query["request_uri"]);
        Assert.Null(query["request_uri_method"]);
        Assert.EndsWith("/qr.png", (string?)body["qr_code"]!["png"]);
        Assert.EndsWith("/qr.svg", (string?)body["qr_code"]!["svg"]);
    }

    [Fact]
    public async Task Qr_codes_are_served_as_png_and_svg()
    {
        var created = await Verifier.CreateRequestAsync(ValidBody());
        foreach (var (link, mediaType) in new[] { ((string)created["qr_code"]!["png"]!, "image/png"), ((string)created["qr_code"]!["svg"]!, "image/svg+xml") })
        {
            using var message = new HttpRequestMessage(HttpMethod.Get, link);
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Verifier.Token("verifier.requests.read"));
            using var response = await Verifier.Client.SendAsync(message);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            if (mediaType == "image/png")
            {
                Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, bytes[..4]);
            }
            else
            {
                Assert.Contains("<svg", Encoding.UTF8.GetString(bytes));
            }
        }
    }

    [Fact]
    public async Task Invalid_dcql_query_is_answered_with_400_problem_details_naming_each_problem()
    {
        var body = Queries.Request(new JsonObject { ["credentials"] = new JsonArray(new JsonObject { ["id"] = "a b", ["format"] = "mso_mdoc", ["meta"] = new JsonObject() }) });
        using var response = await Verifier.PostRequestAsync(body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var errors = Errors(problem);
        Assert.Contains(errors, e => e.Pointer == "/dcql_query/credentials/0/id");
        Assert.Contains(
            errors,
            e => e.Pointer == "/dcql_query/credentials/0/format" && e.Detail.StartsWith("'mso_mdoc' is not supported", StringComparison.Ordinal)
        );
    }

    [Fact]
    public async Task Request_without_dcql_query_is_refused_with_400()
    {
        var (status, problem) = await PostAsync(new JsonObject { ["response_mode"] = "direct_post" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("dcql_query: is required", (string?)problem["detail"]);
    }

    [Theory]
    [InlineData("response_mode", "fragment", "response_mode: 'fragment' is not supported")]
    [InlineData("client_id_prefix", "redirect_uri", "client_id_prefix: 'redirect_uri' is not supported")]
    [InlineData("request_uri_method", "POST", "request_uri_method: must be 'get' or 'post' (case-sensitive)")]
    [InlineData("redirect_uri", "http://rp.example.org/cb", "redirect_uri: must be an absolute https URL")]
    public async Task Unsupported_request_options_are_refused_with_400_naming_the_member(string member, string value, string expected)
    {
        var body = ValidBody();
        body[member] = value;
        var (status, problem) = await PostAsync(body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, (string?)problem["detail"]);
    }

    [Fact]
    public async Task Transaction_data_must_reference_a_holder_bound_sd_jwt_credential_query()
    {
        var body = Queries.Request(Queries.Dcql(Queries.LegalPersonCredentialQuery(), Queries.EmployeeCredentialQuery()));
        body["transaction_data"] = new JsonArray(Jose.B64("""{"type":"payment","credential_ids":["unknown"]}"""), Jose.B64("""{"type":"payment","credential_ids":["legal_person"]}"""), "not base64 json!");
        var (status, problem) = await PostAsync(body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var errors = Errors(problem);
        Assert.Contains(errors, e => e.Detail.Contains("'unknown' is not a credential query id", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Detail.Contains("'legal_person' must be a dc+sd-jwt credential query", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Pointer == "/transaction_data/2");
    }

    [Fact]
    public async Task Every_problem_is_an_object_with_a_json_pointer_and_a_detail()
    {
        var body = ValidBody();
        body["response_mode"] = "fragment";
        body["compliance"] = "yes";
        var (status, problem) = await PostAsync(body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(
            [("/response_mode", "'fragment' is not supported; use one of direct_post, direct_post.jwt"), ("/compliance", "must be true or false")],
            Errors(problem)
        );
    }

    private static List<(string Pointer, string Detail)> Errors(JsonNode problem) =>
        problem["errors"]!.AsArray().Select(e => ((string)e!["pointer"]!, (string)e["detail"]!)).ToList();

    [Fact]
    public async Task Body_that_is_not_json_is_refused_with_415()
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "/api/presentation-requests") { Content = new StringContent("dcql_query=x", Encoding.UTF8, "application/x-www-form-urlencoded") };
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Verifier.Token());
        using var response = await Verifier.Client.SendAsync(message);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Malformed_json_is_refused_with_400_problem_details()
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "/api/presentation-requests") { Content = new StringContent("{\"dcql_query\":", Encoding.UTF8, "application/json") };
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Verifier.Token());
        using var response = await Verifier.Client.SendAsync(message);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Status_of_an_unknown_request_is_404_problem_details()
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, "/api/presentation-requests/unknown");
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Verifier.Token());
        using var response = await Verifier.Client.SendAsync(message);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Malformed_management_signing_key_stops_the_service_naming_the_setting()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => VerifierHost.StartAsync(false, "--Verifier:Management:SigningKeyJwk=not-a-jwk"));
        Assert.Contains("Setting 'Verifier:Management:SigningKeyJwk' is invalid", error.ToString());
    }

    [Fact]
    public async Task Token_from_another_issuer_than_the_configured_token_issuer_is_refused_with_401()
    {
        await using var verifier = await VerifierHost.StartAsync(false, "--Verifier:Management:TokenIssuer=https://as.example.org");
        using var response = await verifier.PostRequestAsync(ValidBody());
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
