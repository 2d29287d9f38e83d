using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Dapr.Events;
using GaiaX.Oid4vc.Testing;

namespace Registry.Tests;

/// <summary>
/// Ecosystem extensions: registered through the management API only when their context processes and their shapes
/// compile, listed publicly for the compliance engines, part of the trust list's versions and events.
/// </summary>
public sealed class EcosystemExtensionApiTests(RegistryFixture fixture) : IClassFixture<RegistryFixture>
{
    private static object Body(string? contextUrl = EcosystemExtensionSample.ContextUrl, string? shapes = EcosystemExtensionSample.Shapes, string context = EcosystemExtensionSample.Context) =>
        new { contextUrl, context = JsonNode.Parse(context), shapes };

    private async Task<JsonObject> ListAsync()
    {
        using var response = await fixture.Client.GetAsync("/api/ecosystem-extensions");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    [Fact]
    public async Task A_registered_extension_is_listed_with_its_context_and_shapes_and_the_change_is_published_once()
    {
        using var put = await fixture.ManageAsync(HttpMethod.Put, "/api/management/ecosystem-extensions/listed", Body("https://listed.example/v1"));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var version = (long)JsonNode.Parse(await put.Content.ReadAsStringAsync())!["version"]!;

        var item = Assert.Single((await ListAsync())["items"]!.AsArray(), i => (string?)i!["name"] == "listed")!;
        Assert.Equal("https://listed.example/v1", (string?)item["contextUrl"]);
        Assert.Equal(EcosystemExtensionSample.Shapes, (string?)item["shapes"]);
        Assert.Equal("https://ecosystem.example/ns#", (string?)item["context"]!["@context"]!["eco"]);
        Assert.Matches("^[0-9a-f]{64}$", (string?)item["digest"]);
        await fixture.Events.WaitForAsync<TrustListChanged>(e => e.Version == version);

        using var again = await fixture.ManageAsync(HttpMethod.Put, "/api/management/ecosystem-extensions/listed", Body("https://listed.example/v1"));
        Assert.Equal(version, (long)JsonNode.Parse(await again.Content.ReadAsStringAsync())!["version"]!);
        await Task.Delay(300);
        Assert.DoesNotContain(fixture.Events.Of<TrustListChanged>(), e => e.Version == version + 1);
    }

    [Fact]
    public async Task A_removed_extension_is_no_longer_listed_and_removing_it_twice_is_404()
    {
        using (var put = await fixture.ManageAsync(HttpMethod.Put, "/api/management/ecosystem-extensions/removed", Body("https://removed.example/v1")))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        using var removed = await fixture.ManageAsync(HttpMethod.Delete, "/api/management/ecosystem-extensions/removed");
        using var again = await fixture.ManageAsync(HttpMethod.Delete, "/api/management/ecosystem-extensions/removed");

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.DoesNotContain((await ListAsync())["items"]!.AsArray(), i => (string?)i!["name"] == "removed");
    }

    [Fact]
    public async Task A_context_url_another_extension_uses_is_409_naming_it()
    {
        using (await fixture.ManageAsync(HttpMethod.Put, "/api/management/ecosystem-extensions/first", Body("https://shared.example/v1"))) { }

        using var second = await fixture.ManageAsync(HttpMethod.Put, "/api/management/ecosystem-extensions/second", Body("https://shared.example/v1"));

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("'first'", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string> Refusals => new()
    {
        { JsonSerializer.Serialize(Body(shapes: "this is not turtle")), "shapes do not compile" },
        { JsonSerializer.Serialize(Body(shapes: "@prefix sh: <http://www.w3.org/ns/shacl#> . <urn:s> a sh:NodeShape .")), "at least one shape with a target" },
        { JsonSerializer.Serialize(Body(contextUrl: "https://w3id.org/gaia-x/development#")), "not a Gaia-X or W3C context" },
        { JsonSerializer.Serialize(Body(contextUrl: "file:///etc/passwd")), "absolute http(s) URL" },
        { JsonSerializer.Serialize(Body(context: """{ "@context": { "@version": 2.0 } }""")), "context does not process" },
        { JsonSerializer.Serialize(Body(context: """{ "terms": {} }""")), "context must hold @context" },
        { """{ "contextUrl": "https://x.example/v1" }""", "context must be the context document" },
        { "[]", "JSON object" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task An_extension_that_cannot_work_is_a_400_problem_naming_why(string json, string reason)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/management/ecosystem-extensions/broken")
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", fixture.Token());

        using var response = await fixture.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain((await ListAsync())["items"]!.AsArray(), i => (string?)i!["name"] == "broken");
    }

    [Fact]
    public async Task Registering_an_extension_needs_a_write_token()
    {
        using var anonymous = await fixture.Client.PutAsync("/api/management/ecosystem-extensions/x", JsonContent(Body()));
        using var readOnly = await fixture.ManageAsync(HttpMethod.Put, "/api/management/ecosystem-extensions/x", Body(), "registry.trust.read");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, readOnly.StatusCode);
    }

    private static System.Net.Http.Json.JsonContent JsonContent(object body) => System.Net.Http.Json.JsonContent.Create(body);
}
