using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Security.Tests;

/// <summary>
/// Each service's OpenAPI document is complete enough for a client generator: every route it serves,
/// with its success schema, its error responses and the security it enforces (<see cref="OpenApiDocumentCheck"/>).
/// </summary>
[Collection(StackCollection.Name)]
public sealed class OpenApiDocumentTests(StackFixture fixture)
{
    [Theory]
    [InlineData("issuer")]
    [InlineData("verifier")]
    [InlineData("notary")]
    [InlineData("compliance")]
    [InlineData("registry")]
    public async Task Openapi_document_describes_every_operation_with_success_schema_errors_and_security(string service)
    {
        var running = fixture.Stack[service];
        var document = JsonNode.Parse(await fixture.Client.GetStringAsync(new Uri(running.BaseUrl, "/openapi/v1.json")))!;

        var problems = OpenApiDocumentCheck.Problems(document, running.App.Services.GetRequiredService<EndpointDataSource>());

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Theory]
    [InlineData("issuer")]
    [InlineData("verifier")]
    [InlineData("notary")]
    [InlineData("compliance")]
    [InlineData("registry")]
    public async Task Openapi_document_reads_without_errors_in_the_reference_openapi_library(string service)
    {
        var json = await fixture.Client.GetStringAsync(new Uri(fixture.Stack[service].BaseUrl, "/openapi/v1.json"));

        var read = Microsoft.OpenApi.Reader.OpenApiModelFactory.Parse(json, "json");

        Assert.NotNull(read.Document);
        Assert.Empty(read.Diagnostic?.Errors ?? []);
        Assert.NotEmpty(read.Document.Paths);
    }

    [Fact]
    public async Task Only_members_that_must_be_present_are_required()
    {
        var verifier = await DocumentAsync("verifier");
        var issuer = await DocumentAsync("issuer");

        var createRequest = Schema(verifier, verifier["paths"]!["/api/presentation-requests"]!["post"]!["requestBody"]!);
        var credentialResponse = Schema(issuer, issuer["paths"]!["/credential"]!["post"]!["responses"]!["200"]!);

        Assert.Equal(["dcql_query"], Required(createRequest));
        // A deferral (202) carries transaction_id and interval, never credentials (OpenID4VCI 1.0 section 8.3).
        Assert.Empty(Required(credentialResponse));
    }

    private async Task<JsonNode> DocumentAsync(string service) =>
        JsonNode.Parse(await fixture.Client.GetStringAsync(new Uri(fixture.Stack[service].BaseUrl, "/openapi/v1.json")))!;

    private static JsonNode Schema(JsonNode document, JsonNode bodyOrResponse) =>
        OpenApiResponseCheck.Resolve(bodyOrResponse["content"]!["application/json"]!["schema"], document)!;

    private static List<string> Required(JsonNode schema) => schema["required"]?.AsArray().Select(r => (string)r!).ToList() ?? [];
}
