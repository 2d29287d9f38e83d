using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Dapr.Events;
using GaiaX.Oid4vc.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Registry.Tests;

/// <summary>The Gaia-X Registry API over HTTP, with the wire shapes the Lab registry answers.</summary>
public sealed class RegistryApiTests(RegistryFixture fixture) : IClassFixture<RegistryFixture>
{
    private static string Pem(IEnumerable<X509Certificate2> chain) => string.Concat(chain.Select(c => c.ExportCertificatePem() + "\n"));

    private static string ChainOf(TestPki pki)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return Pem(pki.IssueChain(key, "participant.example", "participant.example"));
    }

    private async Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(string path, object body)
    {
        using var response = await fixture.Client.PostAsJsonAsync(path, body);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    [Fact]
    public async Task A_chain_ending_at_a_trust_anchor_is_result_true()
    {
        var (status, body) = await PostAsync("/api/trustAnchor/chain", new { certs = ChainOf(fixture.Pki) });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"result":true}""", body.ToJsonString());
    }

    [Fact]
    public async Task A_chain_ending_at_no_trust_anchor_is_409_with_the_reason_as_the_Lab_registry_answers()
    {
        using var stranger = new TestPki("Unknown Root", withIntermediate: true);

        var (status, body) = await PostAsync("/api/trustAnchor/chain", new { certs = ChainOf(stranger) });

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal(409, (int)body["statusCode"]!);
        Assert.Equal("Conflict", (string?)body["error"]);
        Assert.Contains("does not end at a trust anchor", (string)body["message"]!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"certs":"not a certificate"}""", HttpStatusCode.Conflict)]
    [InlineData("""{"certs":""}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"chain":"x"}""", HttpStatusCode.BadRequest)]
    [InlineData("""[1]""", HttpStatusCode.BadRequest)]
    public async Task A_body_without_a_chain_is_400_and_text_that_is_no_chain_is_409(string json, HttpStatusCode expected)
    {
        using var response = await fixture.Client.PostAsync("/api/trustAnchor/chain", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(expected, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal((int)expected, (int)body["statusCode"]!);
        Assert.False(string.IsNullOrEmpty((string?)body["message"]));
    }

    [Fact]
    public async Task A_chain_published_at_a_url_is_fetched_and_judged()
    {
        using var server = WireMockServer.Start();
        server.Given(Request.Create().WithPath("/.well-known/chain.pem").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(ChainOf(fixture.Pki)));

        var (status, body) = await PostAsync("/api/trustAnchor/chain/file", new { uri = server.Url + "/.well-known/chain.pem" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True((bool)body["result"]!);
    }

    [Theory]
    [InlineData("https://169.254.169.254/latest/meta-data", "not an address")]
    [InlineData("http://chain.example/chain.pem", "https URL")]
    [InlineData("file:///etc/passwd", "https URL")]
    public async Task A_chain_url_the_registry_must_not_fetch_is_409_naming_why(string uri, string reason)
    {
        var (status, body) = await PostAsync("/api/trustAnchor/chain/file", new { uri });

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains(reason, (string)body["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chain_url_that_drips_its_body_past_the_time_out_is_409_not_a_held_request()
    {
        using var server = WireMockServer.Start();
        server.Given(Request.Create().WithPath("/slow.pem").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(ChainOf(fixture.Pki)).WithDelay(TimeSpan.FromSeconds(8)));

        var (status, body) = await PostAsync("/api/trustAnchor/chain/file", new { uri = server.Url + "/slow.pem" });

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("did not answer within", (string)body["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chain_larger_than_the_limit_is_409()
    {
        using var server = WireMockServer.Start();
        server.Given(Request.Create().WithPath("/big.pem").UsingGet()).RespondWith(Response.Create().WithStatusCode(200).WithBody(new string('A', 200_000)));

        var (status, body) = await PostAsync("/api/trustAnchor/chain/file", new { uri = server.Url + "/big.pem" });

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("larger than", (string)body["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trusted_issuers_of_a_role_are_a_list_of_DIDs_and_an_unknown_role_an_empty_one()
    {
        Assert.Equal($$"""{"role":"registration-notary","items":["{{RegistryFixture.Notary}}"]}""", await fixture.Client.GetStringAsync("/api/trusted-issuers/registration-notary"));
        Assert.Equal("""{"role":"unheard-of","items":[]}""", await fixture.Client.GetStringAsync("/api/trusted-issuers/unheard-of"));
    }

    [Fact]
    public async Task Terms_and_conditions_carry_the_hash_credentials_sign()
    {
        var terms = JsonNode.Parse(await fixture.Client.GetStringAsync("/api/termsAndConditions"))!;

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes((string)terms["text"]!))), (string?)terms["hash"]);
        Assert.Equal([(string?)terms["hash"]], terms["hashes"]!.AsArray().Select(h => (string?)h));
        Assert.Equal("25.11", (string?)terms["version"]);
    }

    [Theory]
    [InlineData("/shapes/2511", "gx.shacl.ttl", "text/turtle")]
    [InlineData("/owl/2511", "gx.owl.ttl", "text/turtle")]
    [InlineData("/context/2511", "gx.context.jsonld", "application/ld+json")]
    public async Task An_ontology_version_serves_its_official_files(string path, string file, string mediaType)
    {
        using var response = await fixture.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await File.ReadAllTextAsync(RegistryFixture.Official(file)), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_development_version_is_the_repository_profile_and_the_current_shapes_at_the_Lab_path()
    {
        var development = await fixture.Client.GetStringAsync("/shapes/development");

        Assert.Equal(GaiaX.Oid4vc.Rdf.GaiaX.GaiaXShapes.RepositoryProfileTurtle, development);
        Assert.Equal(development, await fixture.Client.GetStringAsync("/api/trusted-shape-registry/v1/shapes/trustframework"));
    }

    [Fact]
    public async Task An_unknown_ontology_version_is_404_naming_it_and_the_versions_there_are()
    {
        using var response = await fixture.Client.GetAsync("/shapes/2999");
        var detail = (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]!;

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("'2999'", detail, StringComparison.Ordinal);
        Assert.Contains("2511, development", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_added_anchor_is_trusted_at_once_and_the_change_is_published_once_with_its_version()
    {
        using var newcomer = new TestPki("Newcomer Root", withIntermediate: true);
        var chain = ChainOf(newcomer);
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync("/api/trustAnchor/chain", new { certs = chain })).Status);

        using var added = await fixture.ManageAsync(HttpMethod.Post, "/api/management/trust-anchors", new { certificate = newcomer.RootPem });
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var version = (long)JsonNode.Parse(await added.Content.ReadAsStringAsync())!["version"]!;

        Assert.Equal(HttpStatusCode.OK, (await PostAsync("/api/trustAnchor/chain", new { certs = chain })).Status);
        await fixture.Events.WaitForAsync<TrustListChanged>(e => e.Version == version);
        // The same anchor again changes nothing and publishes nothing.
        using var again = await fixture.ManageAsync(HttpMethod.Post, "/api/management/trust-anchors", new { certificate = newcomer.RootPem });
        Assert.Equal(version, (long)JsonNode.Parse(await again.Content.ReadAsStringAsync())!["version"]!);
        await Task.Delay(300);
        Assert.Single(fixture.Events.Of<TrustListChanged>(), e => e.Version == version);
        Assert.DoesNotContain(fixture.Events.Of<TrustListChanged>(), e => e.Version == version + 1);
    }

    [Fact]
    public async Task A_revoked_intermediate_makes_chains_through_it_409_naming_the_certificate()
    {
        using var ca = new TestPki("Revocation Root", withIntermediate: true);
        using var added = await fixture.ManageAsync(HttpMethod.Post, "/api/management/trust-anchors", new { certificate = ca.RootPem });
        var chain = ChainOf(ca);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("/api/trustAnchor/chain", new { certs = chain })).Status);

        using var revoked = await fixture.ManageAsync(HttpMethod.Post, "/api/management/revocations", new { certificate = ca.Intermediate!.ExportCertificatePem() });
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);

        var (status, body) = await PostAsync("/api/trustAnchor/chain", new { certs = chain });
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("revoked", (string)body["message"]!, StringComparison.Ordinal);
        Assert.Contains(ca.Intermediate.Subject, (string)body["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_removed_anchor_is_no_longer_trusted_and_removing_it_twice_is_404()
    {
        using var ca = new TestPki("Removed Root", withIntermediate: true);
        using (await fixture.ManageAsync(HttpMethod.Post, "/api/management/trust-anchors", new { certificate = ca.RootPem })) { }
        var sha256 = Convert.ToHexString(SHA256.HashData(ca.Root.RawData));

        using var removed = await fixture.ManageAsync(HttpMethod.Delete, $"/api/management/trust-anchors/{sha256}");
        using var again = await fixture.ManageAsync(HttpMethod.Delete, $"/api/management/trust-anchors/{sha256}");

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync("/api/trustAnchor/chain", new { certs = ChainOf(ca) })).Status);
    }

    [Fact]
    public async Task A_trusted_issuer_added_for_a_role_is_listed_for_it()
    {
        using var added = await fixture.ManageAsync(HttpMethod.Post, "/api/management/trusted-issuers/compliance", new { did = "did:web:compliance.example" });

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Contains("\"did:web:compliance.example\"", await fixture.Client.GetStringAsync("/api/trusted-issuers/compliance"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"certificate":"not pem"}""")]
    [InlineData("""{"did":"x"}""")]
    public async Task A_change_that_is_no_certificate_is_a_400_problem(string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/management/trust-anchors") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", fixture.Token());
        using var response = await fixture.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_leaf_certificate_is_refused_as_a_trust_anchor()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = fixture.Pki.Issue(key, "leaf.example", "leaf.example");

        using var response = await fixture.ManageAsync(HttpMethod.Post, "/api/management/trust-anchors", new { certificate = leaf.ExportCertificatePem() });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("CA certificate", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_management_api_needs_a_token_and_a_read_token_cannot_change_the_list()
    {
        using var anonymous = await fixture.Client.GetAsync("/api/management/trust-list");
        using var readOnly = await fixture.ManageAsync(HttpMethod.Post, "/api/management/trusted-issuers/compliance", new { did = "did:web:x.example" }, "registry.trust.read");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, readOnly.StatusCode);
    }
}
