using System.Net;
using System.Text.Json;
using GaiaX.Oid4vc.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Compliance.Tests;

/// <summary>
/// The engine against the Gaia-X Registry API (played by WireMock.Net): trust-anchor chain checks by
/// inline PEM and by x5u, trusted notaries, terms and conditions; caching; and a registry that
/// cannot answer giving 503, never "untrusted".
/// </summary>
/// <remarks>
/// These hosts run on the system clock: the registry's resilience pipeline waits its retry delays
/// and time-outs on the service's <see cref="TimeProvider"/>, which a fake clock would never advance.
/// </remarks>
[Collection(ComplianceCollection.Name)]
public sealed class GaiaXRegistryTests(ComplianceFixture fixture)
{
    private static IEnumerable<string> RegistryArgs(WireMockServer registry) =>
    [
        "--Compliance:Registry:BaseUrl=" + registry.Url,
        "--Compliance:Registry:MaxRetries=1",
        "--Compliance:Registry:AttemptTimeout=00:00:02",
    ];

    private void ServeHealthyRegistry(WireMockServer registry, int chainStatus = 200, string chainBody = """{"result":true}""")
    {
        registry.Given(Request.Create().WithPath("/api/trustAnchor/chain").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(chainStatus).WithHeader("Content-Type", "application/json").WithBody(chainBody));
        registry.Given(Request.Create().WithPath("/api/trustAnchor/chain/file").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("""{"result":true}"""));
        registry.Given(Request.Create().WithPath("/api/trusted-issuers/registration-notary").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(JsonSerializer.Serialize(new[] { fixture.NotaryIdentity.Did })));
        registry.Given(Request.Create().WithPath("/api/trusted-shape-registry/v1/shapes/trustframework").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/turtle").WithBody(GaiaX.Oid4vc.Rdf.GaiaX.GaiaXShapes.RepositoryProfileTurtle));
        registry.Given(Request.Create().WithPath("/api/termsAndConditions").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(JsonSerializer.Serialize(new { version = "test", hash = Participant.TermsAndConditionsHash })));
    }

    [Fact]
    public async Task A_registry_extension_whose_shapes_do_not_compile_makes_the_engine_unavailable_not_fail_with_500()
    {
        using var registry = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        ServeHealthyRegistry(registry);
        registry.Given(Request.Create().WithPath("/api/ecosystem-extensions").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(JsonSerializer.Serialize(new
            {
                version = 1,
                items = new[]
                {
                    new { name = "eco", contextUrl = GaiaX.Oid4vc.Testing.EcosystemExtensionSample.ContextUrl, digest = "0", context = JsonDocument.Parse(GaiaX.Oid4vc.Testing.EcosystemExtensionSample.Context).RootElement, shapes = "this is not turtle" },
                },
            })));
        await using var compliance = await ComplianceFixture.StartComplianceAsync(RegistryArgs(registry), TimeProvider.System);
        var membership = fixture.Participant.Credential("https://participant.example/credentials/membership", fixture.ParticipantIdentity.Did, "eco:Membership", new System.Text.Json.Nodes.JsonObject
        {
            ["id"] = fixture.ParticipantIdentity.Did + "#membership",
            ["type"] = "eco:Membership",
        });
        membership["@context"]!.AsArray().Add(GaiaX.Oid4vc.Testing.EcosystemExtensionSample.ContextUrl);

        using var response = await compliance.PostPresentationAsync(fixture.Participant.Presentation([.. fixture.Participant.SignedCredentials(), Participant.SignCredential(fixture.ParticipantIdentity, membership)]));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Contains("eco", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chains_are_checked_at_the_registry_by_PEM_and_by_x5u_and_the_answers_are_cached()
    {
        using var registry = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        ServeHealthyRegistry(registry);
        await using var compliance = await ComplianceFixture.StartComplianceAsync(RegistryArgs(registry), TimeProvider.System);

        using (var first = await compliance.PostPresentationAsync(fixture.Participant.Presentation()))
        {
            Assert.True(first.StatusCode == HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        }

        var chainCalls = registry.LogEntries.Where(e => e.RequestMessage.Path == "/api/trustAnchor/chain").ToList();
        var participantCall = Assert.Single(chainCalls);
        using (var body = JsonDocument.Parse(participantCall.RequestMessage.Body!))
        {
            var pem = body.RootElement.GetProperty("certs").GetString()!;
            Assert.Contains("-----BEGIN CERTIFICATE-----", pem, StringComparison.Ordinal);
            Assert.StartsWith(fixture.ParticipantIdentity.Chain[0].ExportCertificatePem(), pem, StringComparison.Ordinal);
        }
        var fileCall = Assert.Single(registry.LogEntries, e => e.RequestMessage.Path == "/api/trustAnchor/chain/file");
        using (var body = JsonDocument.Parse(fileCall.RequestMessage.Body!))
        {
            Assert.Equal(new Uri(fixture.Dids.BaseUrl, "/notary/chain.pem").AbsoluteUri, body.RootElement.GetProperty("uri").GetString());
        }

        var callsAfterFirst = registry.LogEntries.Count();
        using (var second = await compliance.PostPresentationAsync(fixture.Participant.Presentation()))
        {
            Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        }
        Assert.Equal(callsAfterFirst, registry.LogEntries.Count());
    }

    [Fact]
    public async Task Chain_the_registry_answers_409_for_is_untrusted_with_the_registry_reason()
    {
        using var registry = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        ServeHealthyRegistry(registry, chainStatus: 409, chainBody: """{"statusCode":409,"message":"X509 certificate chain could not be resolved against registry trust anchors."}""");
        await using var compliance = await ComplianceFixture.StartComplianceAsync(RegistryArgs(registry), TimeProvider.System);

        using var response = await compliance.PostPresentationAsync(fixture.Participant.Presentation());

        var failures = await response.ReadFailuresAsync();
        Assert.All(failures, f => Assert.Equal("CertificateChainToTrustAnchor", f.Filter));
        Assert.Contains(failures, f => f.CredentialId == "presentation" && f.Message.Contains("could not be resolved against registry trust anchors", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.CredentialId == fixture.Participant.LegalPersonCredentialId);
        Assert.DoesNotContain(failures, f => f.CredentialId == fixture.Participant.VatIdCredentialId);
    }

    [Fact]
    public async Task Registry_answering_errors_gives_503_with_Retry_After_not_untrusted()
    {
        using var registry = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        registry.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(500));
        await using var compliance = await ComplianceFixture.StartComplianceAsync(RegistryArgs(registry), TimeProvider.System);

        using var response = await compliance.PostPresentationAsync(fixture.Participant.Presentation());

        await AssertRegistryUnavailableAsync(response);
        Assert.True(registry.LogEntries.Count(e => e.RequestMessage.Path == "/api/trustAnchor/chain") >= 2, "a transient failure is retried");
    }

    [Fact]
    public async Task Registry_that_cannot_be_reached_gives_503()
    {
        var closedPort = TestServiceHost.FreePort();
        await using var compliance = await ComplianceFixture.StartComplianceAsync(
            ["--Compliance:Registry:BaseUrl=http://127.0.0.1:" + closedPort, "--Compliance:Registry:MaxRetries=0"], TimeProvider.System);

        using var response = await compliance.PostPresentationAsync(fixture.Participant.Presentation());

        await AssertRegistryUnavailableAsync(response);
    }

    [Fact]
    public async Task Registry_that_is_down_for_the_notary_list_gives_503()
    {
        using var registry = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        ServeHealthyRegistry(registry);
        registry.Given(Request.Create().WithPath("/api/trusted-issuers/registration-notary").UsingGet()).AtPriority(0)
            .RespondWith(Response.Create().WithStatusCode(503));
        await using var compliance = await ComplianceFixture.StartComplianceAsync(RegistryArgs(registry), TimeProvider.System);

        using var response = await compliance.PostPresentationAsync(fixture.Participant.Presentation());

        await AssertRegistryUnavailableAsync(response);
    }

    private static async Task AssertRegistryUnavailableAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.RetryAfter);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("registry", problem.RootElement.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.False(problem.RootElement.TryGetProperty("failures", out _));
    }
}
