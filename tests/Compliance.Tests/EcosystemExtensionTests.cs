using System.Net;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Testing;

namespace Compliance.Tests;

/// <summary>
/// An ecosystem's extension shapes apply, in addition to the Gaia-X shapes, to credentials that list the ecosystem's
/// context; the Gaia-X shapes also reach the ecosystem's subclasses of Gaia-X classes.
/// </summary>
[Collection(ComplianceCollection.Name)]
public sealed class EcosystemExtensionTests(ComplianceFixture fixture) : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "eco-extension-" + Guid.NewGuid().ToString("N"));
    private TestServiceHost _compliance = null!;

    private Participant P => fixture.Participant;

    public async Task InitializeAsync()
    {
        var (context, shapes) = EcosystemExtensionSample.WriteFiles(_folder);
        _compliance = await ComplianceFixture.StartComplianceAsync(
            fixture.LocalRegistryArgs().Concat(
            [
                $"--Compliance:Registry:Local:EcosystemExtensions:{EcosystemExtensionSample.Name}:ContextUrl={EcosystemExtensionSample.ContextUrl}",
                $"--Compliance:Registry:Local:EcosystemExtensions:{EcosystemExtensionSample.Name}:ContextFile={context}",
                $"--Compliance:Registry:Local:EcosystemExtensions:{EcosystemExtensionSample.Name}:ShapesFile={shapes}",
            ]),
            fixture.Time);
    }

    public async Task DisposeAsync()
    {
        await _compliance.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_credential_that_meets_the_extension_shapes_is_compliant()
    {
        using var response = await _compliance.PostPresentationAsync(P.Presentation([.. P.SignedCredentials(), Membership(withMemberSince: true)]));

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_extension_shape_adds_its_own_violation_naming_the_extension()
    {
        using var response = await _compliance.PostPresentationAsync(P.Presentation([.. P.SignedCredentials(), Membership(withMemberSince: false)]));

        var failure = Assert.Single(await response.ReadFailuresAsync());
        Assert.Equal("ShaclShapes", failure.Filter);
        Assert.Equal(MembershipId, failure.CredentialId);
        Assert.StartsWith("Ecosystem extension 'eco':", failure.Message, StringComparison.Ordinal);
        Assert.Contains(EcosystemExtensionSample.Namespace + "memberSince is missing", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_extension_registered_its_context_is_unknown_and_never_fetched()
    {
        using var response = await fixture.Compliance.PostPresentationAsync(P.Presentation([.. P.SignedCredentials(), Membership(withMemberSince: true)]));

        var failure = Assert.Single(await response.ReadFailuresAsync());
        Assert.Equal("JsonLdExpansion", failure.Filter);
        Assert.Contains(EcosystemExtensionSample.ContextUrl, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_Gaia_X_shapes_reach_the_extensions_subclass_of_a_Gaia_X_class()
    {
        var offering = P.Credential("https://participant.example/credentials/sovereign-service", P.Identity.Did, "eco:SovereignCloudService", new JsonObject
        {
            ["id"] = P.Identity.Did + "#sovereign-service",
            ["type"] = "eco:SovereignCloudService",
        });
        offering["@context"]!.AsArray().Add(EcosystemExtensionSample.ContextUrl);

        using var response = await _compliance.PostPresentationAsync(P.Presentation([.. P.SignedCredentials(), Participant.SignCredential(P.Identity, offering)]));

        var failures = await response.ReadFailuresAsync();
        Assert.Contains(failures, f => f.Filter == "ShaclShapes" && f.Message.Contains("gx:providedBy is missing", StringComparison.Ordinal)
            && !f.Message.StartsWith("Ecosystem extension", StringComparison.Ordinal));
    }

    private const string MembershipId = "https://participant.example/credentials/membership";

    private string Membership(bool withMemberSince)
    {
        var subject = new JsonObject
        {
            ["id"] = P.Identity.Did + "#membership",
            ["type"] = "eco:Membership",
            ["eco:memberOf"] = "Example Data Space",
        };
        if (withMemberSince)
        {
            subject["eco:memberSince"] = "2024-01-01";
        }
        var credential = P.Credential(MembershipId, P.Identity.Did, "eco:Membership", subject);
        credential["@context"]!.AsArray().Add(EcosystemExtensionSample.ContextUrl);
        return Participant.SignCredential(P.Identity, credential);
    }
}
