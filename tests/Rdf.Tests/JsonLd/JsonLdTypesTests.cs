using System.Text.Json;
using GaiaX.Oid4vc.Rdf.JsonLd;

namespace GaiaX.Oid4vc.Rdf.Tests.JsonLd;

/// <summary>DCQL <c>type_values</c> compare fully expanded type IRIs (OpenID4VP 1.0 appendix B.1.1).</summary>
public sealed class JsonLdTypesTests
{
    private readonly OfflineDocumentLoader loader = OfflineDocumentLoader.CreateDefault();

    private IReadOnlyList<string> Expand(string json)
    {
        using var document = JsonDocument.Parse(json);
        return JsonLdTypes.Expand(document.RootElement, loader);
    }

    [Fact]
    public void Types_are_expanded_against_the_credentials_own_context()
    {
        var types = Expand("""{"@context":["https://www.w3.org/ns/credentials/v2","https://w3id.org/gaia-x/development#"],"type":["VerifiableCredential","gx:LegalPerson"]}""");
        Assert.Equal(["https://www.w3.org/2018/credentials#VerifiableCredential", "https://w3id.org/gaia-x/development#LegalPerson"], types);
    }

    [Fact]
    public void Type_the_context_does_not_define_stays_a_relative_iri()
    {
        var types = Expand("""{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential","AlumniCredential"]}""");
        Assert.Equal(["https://www.w3.org/2018/credentials#VerifiableCredential", "AlumniCredential"], types);
    }

    [Fact]
    public void Prefix_the_context_does_not_define_is_not_the_gaia_x_iri()
    {
        var types = Expand("""{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential","gx:VatID"]}""");
        Assert.DoesNotContain("https://w3id.org/gaia-x/development#VatID", types);
    }

    [Fact]
    public void Inline_context_terms_expand()
    {
        var types = Expand("""{"@context":["https://www.w3.org/ns/credentials/v2",{"ex":"https://example.org/examples#","UniversityDegreeCredential":"ex:UniversityDegreeCredential"}],"type":["VerifiableCredential","UniversityDegreeCredential"]}""");
        Assert.Equal(["https://www.w3.org/2018/credentials#VerifiableCredential", "https://example.org/examples#UniversityDegreeCredential"], types);
    }

    [Fact]
    public void Context_the_loader_does_not_hold_leaves_the_types_unexpanded_without_a_fetch()
    {
        var types = Expand("""{"@context":["https://attacker.example/context.jsonld"],"type":["VerifiableCredential","gx:LegalPerson"]}""");
        Assert.Equal(["VerifiableCredential", "gx:LegalPerson"], types);
    }
}
