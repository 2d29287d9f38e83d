using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Security.Tests;

/// <summary>
/// One error shape for a client to handle: 401/403 as problem details saying why, JSON syntax errors
/// with their position, and error texts written as they are (no HTML-style escaping).
/// </summary>
[Collection(StackCollection.Name)]
public sealed class ErrorShapeTests(StackFixture fixture)
{
    private static async Task<JsonObject> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!.AsObject();
        Assert.Equal((int)status, (int)problem["status"]!);
        Assert.NotNull(problem["traceId"]);
        return problem;
    }

    [Theory]
    [InlineData("issuer", "/api/offers")]
    [InlineData("verifier", "/api/presentation-requests")]
    public async Task Management_call_without_a_token_is_401_problem_details_with_a_bearer_challenge(string service, string path)
    {
        using var response = await fixture.Client.PostAsync(fixture.Url(service, path), new StringContent("{}", Encoding.UTF8, "application/json"));

        var problem = await ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("The request carries no bearer token.", (string?)problem["detail"]);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task Token_for_another_audience_is_refused_naming_the_expected_and_the_received_audience()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, fixture.Url("verifier", "/api/presentation-requests"))
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Tokens.IssuerToken());

        using var response = await fixture.Client.SendAsync(request);

        var problem = await ProblemAsync(response, HttpStatusCode.Unauthorized);
        const string expected = "The token's audience 'gaiax-issuer-management' is not the expected 'gaiax-verifier'.";
        Assert.Equal(expected, (string?)problem["detail"]);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Contains("error=\"invalid_token\"", challenge.Parameter, StringComparison.Ordinal);
        Assert.Contains(expected, challenge.Parameter, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("issuer", "/api/offers")]
    [InlineData("verifier", "/api/presentation-requests")]
    public async Task Malformed_json_is_400_naming_the_line_the_byte_and_the_reason(string service, string path)
    {
        using var request = fixture.Management(HttpMethod.Post, service, path);
        request.Content = new StringContent("{\n  \"a\": ", Encoding.UTF8, "application/json");

        using var response = await fixture.Client.SendAsync(request);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        var detail = (string)problem["detail"]!;
        Assert.Equal(
            "the request body is not valid JSON at line 2, byte 8: Expected depth to be zero at the end of the JSON payload. "
                + "There is an open JSON object or array that should be closed.",
            detail
        );
    }

    [Fact]
    public async Task Error_descriptions_keep_apostrophes_and_plus_signs_as_written()
    {
        using var response = await fixture.Client.PostAsync(
            fixture.Url("issuer", "/token"),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "it's+a" })
        );

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("it's+a", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u0027", text, StringComparison.Ordinal);
    }
}
