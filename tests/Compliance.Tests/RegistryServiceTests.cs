using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using GaiaX.Oid4vc.Compliance;
using GaiaX.Oid4vc.Compliance.Events;
using GaiaX.Oid4vc.Dapr;
using GaiaX.Oid4vc.Dapr.Events;
using GaiaX.Oid4vc.Registry;
using GaiaX.Oid4vc.ServiceDefaults;
using GaiaX.Oid4vc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Compliance.Tests;

/// <summary>
/// The Compliance service against our own Registry service, configured exactly as against the Gaia-X Lab registry
/// (<c>Compliance:Registry:BaseUrl</c>), both on one pub/sub: trust-list changes reach the engine without a restart.
/// </summary>
[Collection(ComplianceCollection.Name)]
public sealed class RegistryServiceTests(ComplianceFixture fixture)
{
    private sealed class Stack(DaprTestEnvironment dapr, TestServiceHost registry, TestServiceHost compliance) : IAsyncDisposable
    {
        public TestServiceHost Registry { get; } = registry;

        public TestServiceHost Compliance { get; } = compliance;

        public DaprTestEnvironment Dapr { get; } = dapr;

        public async Task<HttpResponseMessage> ManageAsync(HttpMethod method, string path, object? body = null)
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Registry.Services.GetRequiredService<DevelopmentTokens>().Create(null));
            return await Registry.Client.SendAsync(request);
        }

        public async ValueTask DisposeAsync() => await Dapr.DisposeAsync();
    }

    private async Task<Stack> StartAsync(bool trustTheParticipantsCa)
    {
        var dapr = DaprTestEnvironment.InMemory();
        var registry = await dapr.StartServiceAsync(
            AppIds.Registry,
            (a, c) => RegistryProgram.Create(a, c),
            RegistryOptions.SectionName,
            [
                "--Registry:Management:UseDevelopmentTokens=true",
                "--Registry:AllowLoopbackChainUrls=true",
                $"--Registry:Bootstrap:TrustedIssuers:registration-notary:0={fixture.NotaryIdentity.Did}",
                .. trustTheParticipantsCa ? [$"--Registry:Bootstrap:TrustAnchorCertificates:0={fixture.TrustedCa.RootPem}"] : Array.Empty<string>(),
            ]
        );
        var compliance = await dapr.StartServiceAsync(
            AppIds.Compliance,
            (a, c) => ComplianceProgram.Create(a, c),
            ComplianceOptions.SectionName,
            ["--Compliance:Registry:BaseUrl=" + registry.BaseUrl, "--Compliance:Registry:MaxRetries=0", "--DidWeb:AllowHttpLoopback=true"]
        );
        return new Stack(dapr, registry, compliance);
    }

    [Fact]
    public async Task The_compliance_service_configured_against_our_registry_as_against_the_Lab_registry_labels_the_participant()
    {
        await using var stack = await StartAsync(trustTheParticipantsCa: true);

        using var response = await stack.Compliance.PostPresentationAsync(fixture.Participant.Presentation());

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_anchor_added_at_the_registry_makes_the_participant_compliant_without_a_restart()
    {
        await using var stack = await StartAsync(trustTheParticipantsCa: false);
        using (var refused = await stack.Compliance.PostPresentationAsync(fixture.Participant.Presentation()))
        {
            Assert.Contains(await refused.ReadFailuresAsync(), f => f.Filter == "CertificateChainToTrustAnchor");
        }

        using (var added = await stack.ManageAsync(HttpMethod.Post, "/api/management/trust-anchors", new { certificate = fixture.TrustedCa.RootPem }))
        {
            Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        }
        var handler = stack.Compliance.Services.GetRequiredService<TrustListChangedHandler>();
        Assert.True(await Poll.UntilAsync(() => handler.Version >= 2, TimeSpan.FromSeconds(10)), "trust-list-changed did not reach Compliance");

        using var accepted = await stack.Compliance.PostPresentationAsync(fixture.Participant.Presentation());
        Assert.True(accepted.StatusCode == HttpStatusCode.Created, await accepted.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_revoked_intermediate_at_the_registry_refuses_the_participant_by_the_trust_anchor_criterion()
    {
        await using var stack = await StartAsync(trustTheParticipantsCa: true);
        using (var first = await stack.Compliance.PostPresentationAsync(fixture.Participant.Presentation()))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        using (var revoked = await stack.ManageAsync(HttpMethod.Post, "/api/management/revocations", new { certificate = fixture.TrustedCa.Intermediate!.ExportCertificatePem() }))
        {
            Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        }
        var handler = stack.Compliance.Services.GetRequiredService<TrustListChangedHandler>();
        Assert.True(await Poll.UntilAsync(() => handler.Version >= 2, TimeSpan.FromSeconds(10)), "trust-list-changed did not reach Compliance");

        using var refused = await stack.Compliance.PostPresentationAsync(fixture.Participant.Presentation());
        var failures = await refused.ReadFailuresAsync();
        Assert.Contains(failures, f => f.Filter == "CertificateChainToTrustAnchor" && f.Message.Contains("revoked", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_registry_that_went_down_gives_503_not_non_compliant()
    {
        var stack = await StartAsync(trustTheParticipantsCa: true);
        await using (stack)
        {
            await stack.Registry.DisposeAsync();

            using var response = await stack.Compliance.PostPresentationAsync(fixture.Participant.Presentation());

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.NotNull(response.Headers.RetryAfter);
        }
    }

    [Fact]
    public async Task An_extension_registered_at_the_registry_applies_its_shapes_without_a_restart()
    {
        await using var stack = await StartAsync(trustTheParticipantsCa: true);
        var membership = fixture.Participant.Credential("https://participant.example/credentials/membership", fixture.ParticipantIdentity.Did, "eco:Membership", new System.Text.Json.Nodes.JsonObject
        {
            ["id"] = fixture.ParticipantIdentity.Did + "#membership",
            ["type"] = "eco:Membership",
        });
        membership["@context"]!.AsArray().Add(EcosystemExtensionSample.ContextUrl);
        var presentation = fixture.Participant.Presentation([.. fixture.Participant.SignedCredentials(), Participant.SignCredential(fixture.ParticipantIdentity, membership)]);
        using (var unknown = await stack.Compliance.PostPresentationAsync(presentation))
        {
            Assert.Equal("JsonLdExpansion", Assert.Single(await unknown.ReadFailuresAsync()).Filter);
        }

        using (var put = await stack.ManageAsync(HttpMethod.Put, $"/api/management/ecosystem-extensions/{EcosystemExtensionSample.Name}", new
        {
            contextUrl = EcosystemExtensionSample.ContextUrl,
            context = System.Text.Json.Nodes.JsonNode.Parse(EcosystemExtensionSample.Context),
            shapes = EcosystemExtensionSample.Shapes,
        }))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }
        var handler = stack.Compliance.Services.GetRequiredService<TrustListChangedHandler>();
        Assert.True(await Poll.UntilAsync(() => handler.Version >= 2, TimeSpan.FromSeconds(10)), "trust-list-changed did not reach Compliance");

        using var judged = await stack.Compliance.PostPresentationAsync(presentation);
        var failures = await judged.ReadFailuresAsync();
        Assert.Equal(2, failures.Count);
        Assert.All(failures, f => Assert.StartsWith("Ecosystem extension 'eco':", f.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_presentation_verified_while_the_registry_is_down_is_redelivered_not_judged()
    {
        var stack = await StartAsync(trustTheParticipantsCa: true);
        await using (stack)
        {
            var verdicts = new IntegrationEventRecorder().Subscribe<ComplianceAssessed>("/compliance-assessed");
            await verdicts.StartAsync(stack.Dapr, "verdict-observer");
            await stack.Registry.DisposeAsync();

            await stack.Dapr.PublishAsync(new PresentationVerified("request-1", [fixture.Participant.Presentation()], []), AppIds.Verifier);
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.Empty(verdicts.Of<ComplianceAssessed>());

            // What the sidecar hears from the route: RETRY, so the event comes back instead of being judged or dropped.
            var token = stack.Compliance.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()[
                GaiaX.Oid4vc.Dapr.Hosting.DaprHostingExtensions.AppApiTokenKey]!;
            using var request = new HttpRequestMessage(HttpMethod.Post, ComplianceEvents.PresentationVerifiedRoute)
            {
                Content = JsonContent.Create(new PresentationVerified("request-2", [fixture.Participant.Presentation()], [])),
            };
            request.Headers.Add(GaiaX.Oid4vc.Dapr.Hosting.DaprAppToken.HeaderName, token);
            using var answer = await stack.Compliance.Client.SendAsync(request);
            Assert.Contains("RETRY", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_repeated_or_older_trust_list_change_has_no_effect_twice()
    {
        await using var stack = await StartAsync(trustTheParticipantsCa: true);
        var handler = stack.Compliance.Services.GetRequiredService<TrustListChangedHandler>();

        Assert.True(handler.Apply(new TrustListChanged(7)));
        Assert.False(handler.Apply(new TrustListChanged(7)));
        Assert.False(handler.Apply(new TrustListChanged(6)));
        Assert.Equal(7, handler.Version);
    }
}
