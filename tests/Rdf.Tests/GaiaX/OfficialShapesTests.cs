using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Rdf.JsonLd;
using GaiaX.Oid4vc.Rdf.Shacl;

namespace GaiaX.Oid4vc.Rdf.Tests.GaiaX;

[Collection(GaiaXShapesCollection.Name)]
public sealed class OfficialShapesTests(GaiaXShapesFixture shapes)
{
    private const string Gx = "https://w3id.org/gaia-x/development#";

    private static string Reference => File.ReadAllText(Path.Combine(GaiaXShapesFixture.ReleaseFolder, "legalperson-reference.json"));

    private ValidationReport Validate(string json) => shapes.Official.Validate(JsonLdToRdf.ToGraph(json, shapes.Loader));

    private static string Edit(Action<JsonObject> change)
    {
        var doc = JsonNode.Parse(Reference)!.AsObject();
        change(doc);
        return doc.ToJsonString();
    }

    private static void AssertSingle(ValidationReport report, string component, string? path = null)
    {
        Assert.False(report.Conforms);
        var result = Assert.Single(report.Results);
        Assert.Equal(Sh.Ns + component, result.SourceConstraintComponent.Value);
        if (path is not null)
        {
            Assert.Equal(path, Assert.IsType<PredicatePath>(result.Path).Predicate.Value);
        }
        Assert.False(string.IsNullOrEmpty(result.Message));
    }

    [Fact]
    public void Official_shapes_load_with_the_ontology_class_hierarchy()
    {
        Assert.True(shapes.Official.TargetedShapeCount > 150);
        Assert.True(shapes.Official.Hierarchy.IsSubClassOrSame(Term.Iri(Gx + "VatID"), Term.Iri(Gx + "RegistrationNumber")));
    }

    [Fact]
    public void Reference_legal_person_conforms_to_the_official_shapes()
    {
        var report = Validate(Reference);
        Assert.True(report.Conforms, report.ToJson());
    }

    [Fact]
    public void Unknown_property_on_a_closed_shape_is_a_closed_violation()
    {
        var report = Validate(Edit(d => d["gx:favouriteColour"] = "blue"));
        AssertSingle(report, "ClosedConstraintComponent", Gx + "favouriteColour");
        Assert.Equal("blue", report.Results[0].Value!.Value);
    }

    [Fact]
    public void Country_code_outside_the_list_is_an_or_violation()
    {
        var report = Validate(Edit(d => d["gx:legalAddress"]!["gx:countryCode"] = "XX"));
        AssertSingle(report, "OrConstraintComponent", Gx + "countryCode");
        Assert.Equal(Gx + "AddressShape", report.Results[0].TargetShape!.Value);
        Assert.Contains("\"targetShape\": \"" + Gx + "AddressShape\"", report.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_headquarters_address_is_a_min_count_violation()
    {
        var report = Validate(Edit(d => d.Remove("gx:headquartersAddress")));
        AssertSingle(report, "MinCountConstraintComponent", Gx + "headquartersAddress");
        Assert.Equal("did:web:test.fixture.net:LegalPerson:test_gx_legalperson_reference", report.Results[0].FocusNode.Value);
    }

    [Fact]
    public void Registration_number_of_a_wrong_class_is_a_class_violation()
    {
        var report = Validate(Edit(d => d["gx:registrationNumber"]!["@type"] = "gx:Address"));
        // The node is now an Address too, so the Address shape also reports its missing country code.
        Assert.Contains(report.Results, r => r.SourceConstraintComponent.Value == Sh.Ns + "ClassConstraintComponent" &&
            r.Path is PredicatePath { Predicate.Value: Gx + "registrationNumber" });
    }

    [Fact]
    public void Registration_number_subclass_is_accepted_through_rdfs_subClassOf()
    {
        var report = Validate(Edit(d => d["gx:registrationNumber"] = new JsonObject { ["@type"] = "gx:VatID", ["gx:vatID"] = "DE123456789" }));
        Assert.True(report.Conforms, report.ToJson());
    }

    [Fact]
    public void Wrong_terms_and_conditions_hash_is_an_in_violation()
    {
        var issuer = """
            { "@context": { "gx": "https://w3id.org/gaia-x/development#" }, "@id": "did:web:acme.example", "@type": "gx:Issuer",
              "gx:gaiaxTermsAndConditions": "0000000000000000000000000000000000000000000000000000000000000000" }
            """;
        AssertSingle(Validate(issuer), "InConstraintComponent", Gx + "gaiaxTermsAndConditions");
        var good = issuer.Replace("0000000000000000000000000000000000000000000000000000000000000000", "4bd7554097444c960292b4726c2efa1373485e8a5565d94d41195214c5e0ceb3", StringComparison.Ordinal);
        Assert.True(Validate(good).Conforms);
    }

    [Fact]
    public void Service_offering_without_provided_by_is_a_min_count_violation()
    {
        var offering = """
            { "@context": { "gx": "https://w3id.org/gaia-x/development#", "xsd": "http://www.w3.org/2001/XMLSchema#" },
              "@id": "did:web:acme.example:service", "@type": "gx:ServiceOffering",
              "gx:serviceOfferingTermsAndConditions": { "@type": "gx:TermsAndConditions",
                "gx:url": { "@value": "https://acme.example/terms", "@type": "xsd:anyURI" }, "gx:hash": "abc" } }
            """;
        AssertSingle(Validate(offering), "MinCountConstraintComponent", Gx + "providedBy");
    }

    [Fact]
    public void Three_violations_are_all_reported()
    {
        var report = Validate(Edit(d =>
        {
            d["gx:favouriteColour"] = "blue";
            d["gx:legalAddress"]!["gx:countryCode"] = "XX";
            d.Remove("gx:headquartersAddress");
        }));
        Assert.Equal(3, report.Results.Count);
    }
}

[Collection(GaiaXShapesCollection.Name)]
public sealed class CredentialGraphTests(GaiaXShapesFixture shapes)
{
    [Fact]
    public void Subject_claims_exclude_the_credential_node_typed_with_a_gaiax_class()
    {
        // Registration-number credentials carry the Gaia-X class on the credential too.
        var json = """
            { "@context": ["https://www.w3.org/ns/credentials/v2", "https://w3id.org/gaia-x/development#"],
              "id": "https://notary.example/vc/1", "type": ["VerifiableCredential", "VatID"], "issuer": "did:web:notary.example",
              "validFrom": "2026-01-01T00:00:00Z",
              "credentialSubject": { "id": "did:web:acme.example#vat", "type": "VatID", "vatID": "DE123456789", "countryCode": "DE" } }
            """;
        var graph = JsonLdToRdf.ToGraph(json, shapes.Loader);
        Assert.False(shapes.Official.Validate(graph).Conforms);
        var claims = CredentialGraph.SubjectClaims(graph);
        Assert.Equal(3, claims.Count);
        Assert.True(shapes.Official.Validate(claims).Conforms);
        Assert.True(shapes.Profile.Validate(claims).Conforms);
    }
}
