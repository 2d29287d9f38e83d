using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Compliance.Tests;

/// <summary>
/// Credentials name their Gaia-X ontology version by the namespace of the Gaia-X context they list: the published
/// 25.11 files use <c>https://w3id.org/gaia-x/development#</c>, credentials in the field also the versioned
/// <c>https://w3id.org/gaia-x/2511#</c>. Both are judged side by side, each with its own shapes and context.
/// </summary>
[Collection(ComplianceCollection.Name)]
public sealed class OntologyVersionTests(ComplianceFixture fixture)
{
    private const string Versioned2511 = "https://w3id.org/gaia-x/2511#";

    private Participant P => fixture.Participant;

    [Fact]
    public async Task The_same_participant_in_the_development_and_the_2511_namespace_gets_the_same_verdict()
    {
        using var development = await fixture.Compliance.PostPresentationAsync(P.Presentation(Signed(Participant.GaiaXContext)));
        using var versioned = await fixture.Compliance.PostPresentationAsync(P.Presentation(Signed(Versioned2511)));

        Assert.True(development.StatusCode == HttpStatusCode.Created, await development.Content.ReadAsStringAsync());
        Assert.True(versioned.StatusCode == HttpStatusCode.Created, await versioned.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_shape_violation_in_the_2511_namespace_is_the_same_violation_as_in_the_development_namespace()
    {
        var inDevelopment = await FailuresOfAsync(Participant.GaiaXContext, legalPerson => legalPerson["gx:legalAddress"]!["gx:countryCode"] = "XX");
        var in2511 = await FailuresOfAsync(Versioned2511, legalPerson => legalPerson["gx:legalAddress"]!["gx:countryCode"] = "XX");

        var failure = Assert.Single(in2511);
        Assert.Equal("ShaclShapes", failure.Filter);
        Assert.Contains("gx:countryCode value \"XX\"", failure.Message, StringComparison.Ordinal);
        Assert.Equal(Assert.Single(inDevelopment), failure);
    }

    [Fact]
    public async Task A_2511_credential_with_a_property_its_closed_shape_does_not_list_fails_the_2511_shapes()
    {
        var failures = await FailuresOfAsync(Versioned2511, legalPerson => legalPerson["gx:favouriteColour"] = "blue");

        var failure = Assert.Single(failures);
        Assert.Equal("ShaclShapes", failure.Filter);
        Assert.Contains("gx:favouriteColour is not allowed here (closed shape)", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_credential_in_an_unknown_Gaia_X_namespace_fails_naming_the_version()
    {
        var failures = await FailuresOfAsync("https://w3id.org/gaia-x/2603#", _ => { });

        var failure = Assert.Single(failures, f => f.CredentialId == P.LegalPersonCredentialId);
        Assert.Equal("OntologyVersion", failure.Filter);
        Assert.Contains("'2603'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("it knows 2511, development", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(failures, f => f.Filter is "JsonLdExpansion" or "ShaclShapes");
    }

    [Fact]
    public async Task A_credential_that_mixes_two_Gaia_X_versions_fails_naming_both()
    {
        var legalPerson = P.LegalPerson();
        legalPerson["@context"]!.AsArray().Add(Versioned2511);
        var credentials = P.SignedCredentials().ToArray();
        credentials[0] = Participant.SignCredential(P.Identity, legalPerson);

        using var response = await fixture.Compliance.PostPresentationAsync(P.Presentation(credentials));

        var failure = Assert.Single(await response.ReadFailuresAsync());
        Assert.Equal("OntologyVersion", failure.Filter);
        Assert.Contains("'development' and '2511'", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gx", "https://evil.example/ns#")]
    [InlineData("@vocab", "https://evil.example/ns#")]
    public async Task A_credential_whose_inline_context_moves_the_Gaia_X_terms_elsewhere_fails_instead_of_escaping_the_shapes(string term, string iri)
    {
        var legalPerson = P.LegalPerson();
        legalPerson["@context"]!.AsArray().Add(new JsonObject { [term] = iri });
        // A violation the shapes would catch, were they applied.
        legalPerson["credentialSubject"]!["gx:legalAddress"]!["gx:countryCode"] = "XX";
        var credentials = P.SignedCredentials().ToArray();
        credentials[0] = Participant.SignCredential(P.Identity, legalPerson);

        using var response = await fixture.Compliance.PostPresentationAsync(P.Presentation(credentials));

        var failures = await response.ReadFailuresAsync();
        Assert.Contains(failures, f => f.CredentialId == P.LegalPersonCredentialId && f.Filter is "JsonLdExpansion" or "ShaclShapes");
    }

    [Fact]
    public async Task A_credential_typed_LegalPerson_whose_subject_is_untyped_fails_instead_of_escaping_the_shapes()
    {
        var legalPerson = P.LegalPerson();
        legalPerson["credentialSubject"]!.AsObject().Remove("type");
        legalPerson["credentialSubject"]!["gx:legalAddress"]!["gx:countryCode"] = "XX";
        var credentials = P.SignedCredentials().ToArray();
        credentials[0] = Participant.SignCredential(P.Identity, legalPerson);

        using var response = await fixture.Compliance.PostPresentationAsync(P.Presentation(credentials));

        var failure = Assert.Single(await response.ReadFailuresAsync(), f => f.CredentialId == P.LegalPersonCredentialId);
        Assert.Equal("JsonLdExpansion", failure.Filter);
        Assert.Contains("no credentialSubject is", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_subject_that_names_another_DID_as_its_at_id_is_not_bound_to_the_presenter()
    {
        var legalPerson = P.LegalPerson();
        var subject = legalPerson["credentialSubject"]!.AsObject();
        subject.Remove("id");
        subject["@id"] = fixture.ThirdParty.Did;
        var credentials = P.SignedCredentials().ToArray();
        credentials[0] = Participant.SignCredential(P.Identity, legalPerson);

        using var response = await fixture.Compliance.PostPresentationAsync(P.Presentation(credentials));

        Assert.Contains(await response.ReadFailuresAsync(), f => f.CredentialId == P.LegalPersonCredentialId && f.Filter == "HolderBinding");
    }

    [Fact]
    public async Task A_version_configured_as_the_same_release_under_its_own_namespace_is_assessed_with_that_release()
    {
        await using var compliance = await ComplianceFixture.StartComplianceAsync(
            fixture.LocalRegistryArgs().Concat(
            [
                "--Compliance:Ontologies:2603:Namespace=https://w3id.org/gaia-x/2603#",
                "--Compliance:Ontologies:2603:SameReleaseAs=2511",
            ]),
            fixture.Time);

        using var response = await compliance.PostPresentationAsync(P.Presentation(Signed("https://w3id.org/gaia-x/2603#")));

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_version_configured_with_an_unknown_release_stops_the_service_from_starting()
    {
        var start = ComplianceFixture.StartComplianceAsync(
            fixture.LocalRegistryArgs().Concat(
            [
                "--Compliance:Ontologies:2603:Namespace=https://w3id.org/gaia-x/2603#",
                "--Compliance:Ontologies:2603:SameReleaseAs=2599",
            ]),
            fixture.Time);

        var error = await Assert.ThrowsAnyAsync<Exception>(async () => await (await start).DisposeAsync());
        Assert.Contains("2599", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_version_whose_criteria_are_not_shipped_stops_the_service_from_starting()
    {
        var start = ComplianceFixture.StartComplianceAsync(
            fixture.LocalRegistryArgs().Concat(
            [
                "--Compliance:Ontologies:2603:Namespace=https://w3id.org/gaia-x/2603#",
                "--Compliance:Ontologies:2603:SameReleaseAs=2511",
                "--Compliance:Ontologies:2603:CriteriaVersion=25.05",
            ]),
            fixture.Time);

        var error = await Assert.ThrowsAnyAsync<Exception>(async () => await (await start).DisposeAsync());
        Assert.Contains("'25.05'", error.ToString(), StringComparison.Ordinal);
    }

    private async Task<IReadOnlyList<StandardComplianceCalls.Failure>> FailuresOfAsync(string gaiaXContext, Action<JsonObject> changeLegalPerson)
    {
        var legalPerson = InNamespace(P.LegalPerson(), gaiaXContext);
        changeLegalPerson(legalPerson["credentialSubject"]!.AsObject());
        var credentials = Signed(gaiaXContext).ToArray();
        credentials[0] = Participant.SignCredential(P.Identity, legalPerson);
        using var response = await fixture.Compliance.PostPresentationAsync(P.Presentation(credentials));
        return await response.ReadFailuresAsync();
    }

    /// <summary>The participant's three credentials with <paramref name="gaiaXContext"/> in place of the development context.</summary>
    private IReadOnlyList<string> Signed(string gaiaXContext) =>
    [
        Participant.SignCredential(P.Identity, InNamespace(P.LegalPerson(), gaiaXContext)),
        Participant.SignCredential(P.Notary, InNamespace(P.VatId(), gaiaXContext)),
        Participant.SignCredential(P.Identity, InNamespace(P.IssuerDeclaration(), gaiaXContext)),
    ];

    private static JsonObject InNamespace(JsonObject credential, string gaiaXContext)
    {
        var contexts = credential["@context"]!.AsArray();
        for (var i = 0; i < contexts.Count; i++)
        {
            if (contexts[i] is JsonValue value && value.GetValue<string>() == Participant.GaiaXContext)
            {
                contexts[i] = gaiaXContext;
            }
        }
        return JsonSerializer.SerializeToNode(credential)!.AsObject();
    }
}
