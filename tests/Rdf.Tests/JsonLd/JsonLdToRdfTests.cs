using GaiaX.Oid4vc.Rdf.JsonLd;

namespace GaiaX.Oid4vc.Rdf.Tests.JsonLd;

public sealed class JsonLdToRdfTests
{
    private const string Cred = "https://www.w3.org/2018/credentials#";
    private const string Gx = "https://w3id.org/gaia-x/development#";
    private readonly OfflineDocumentLoader loader = OfflineDocumentLoader.CreateDefault();

    private static readonly string Credential = """
        {
          "@context": ["https://www.w3.org/ns/credentials/v2", "https://w3id.org/gaia-x/development#"],
          "id": "https://issuer.example/credentials/1",
          "type": ["VerifiableCredential"],
          "issuer": "did:web:issuer.example",
          "validFrom": "2026-01-01T00:00:00Z",
          "credentialSubject": {
            "id": "did:web:acme.example",
            "type": "LegalPerson",
            "name": "ACME",
            "registrationNumber": { "type": "VatID", "vatID": "DE123", "countryCode": "DE" },
            "legalAddress": { "type": "Address", "countryCode": "DE", "street-address": "Main 1" }
          }
        }
        """;

    [Fact]
    public void Credential_with_pinned_vc2_and_gaiax_contexts_becomes_the_expected_triples()
    {
        var g = JsonLdToRdf.ToGraph(Credential, loader);
        var vc = Term.Iri("https://issuer.example/credentials/1");
        var subject = Term.Iri("did:web:acme.example");
        Assert.True(g.Contains(vc, Term.Iri(Vocab.Rdf.Type), Term.Iri(Cred + "VerifiableCredential")));
        Assert.True(g.Contains(vc, Term.Iri(Cred + "issuer"), Term.Iri("did:web:issuer.example")));
        Assert.True(g.Contains(vc, Term.Iri(Cred + "validFrom"), Term.Literal("2026-01-01T00:00:00Z", Vocab.Xsd.DateTime)));
        Assert.True(g.Contains(vc, Term.Iri(Cred + "credentialSubject"), subject));
        Assert.True(g.Contains(subject, Term.Iri(Vocab.Rdf.Type), Term.Iri(Gx + "LegalPerson")));
        Assert.True(g.Contains(subject, Term.Iri("https://schema.org/name"), Term.Literal("ACME")));
        var address = g.Object(subject, Term.Iri(Gx + "legalAddress"))!;
        Assert.True(address.IsBlankNode);
        Assert.Equal("Main 1", g.Object(address, Term.Iri("http://www.w3.org/2006/vcard/ns#street-address"))!.Value);
        Assert.Equal(Term.Iri(Gx + "VatID"), g.Object(g.Object(subject, Term.Iri(Gx + "registrationNumber"))!, Term.Iri(Vocab.Rdf.Type)));
    }

    [Fact]
    public void Unknown_remote_context_is_an_error_not_a_fetch()
    {
        var e = Assert.Throws<JsonLdException>(() => JsonLdToRdf.ToDataset("""{ "@context": "https://evil.example/context.jsonld", "@id": "http://a" }""", loader));
        Assert.Equal(JsonLdErrorCodes.LoadingRemoteContextFailed, e.Code);
    }

    [Fact]
    public void Redefining_a_protected_vc2_term_is_rejected()
    {
        var json = """{ "@context": ["https://www.w3.org/ns/credentials/v2", { "name": "http://evil.example/name" }], "name": "x" }""";
        var e = Assert.Throws<JsonLdException>(() => JsonLdToRdf.ToDataset(json, loader));
        Assert.Equal(JsonLdErrorCodes.ProtectedTermRedefinition, e.Code);
    }

    [Fact]
    public void Identical_redefinition_of_a_protected_term_is_allowed()
    {
        var json = """{ "@context": ["https://www.w3.org/ns/credentials/v2", { "name": "https://schema.org/name" }], "@id": "http://a", "name": "x" }""";
        Assert.Equal(1, JsonLdToRdf.ToGraph(json, loader).Count);
    }

    [Fact]
    public void Type_scoped_context_does_not_propagate_into_nested_nodes()
    {
        // "issuer" is defined only inside VerifiableCredential's scoped context.
        var json = """
            { "@context": ["https://www.w3.org/ns/credentials/v2", { "@vocab": "http://vocab.example/" }],
              "@id": "http://vc", "type": "VerifiableCredential",
              "credentialSubject": { "@id": "http://s", "issuer": "http://not-an-iri-here" } }
            """;
        var g = JsonLdToRdf.ToGraph(json, loader);
        Assert.True(g.Contains(Term.Iri("http://s"), Term.Iri("http://vocab.example/issuer"), Term.Literal("http://not-an-iri-here")));
    }

    [Fact]
    public void Graph_container_puts_the_credential_in_its_own_named_graph()
    {
        var json = """
            { "@context": ["https://www.w3.org/ns/credentials/v2"], "id": "http://vp", "type": "VerifiablePresentation",
              "verifiableCredential": [{ "id": "http://vc", "type": "VerifiableCredential", "issuer": "did:web:x" }] }
            """;
        var ds = JsonLdToRdf.ToDataset(json, loader);
        var graphName = ds.DefaultGraph.Object(Term.Iri("http://vp"), Term.Iri(Cred + "verifiableCredential"))!;
        Assert.True(graphName.IsBlankNode);
        Assert.True(ds.NamedGraphs[graphName].Contains(Term.Iri("http://vc"), Term.Iri(Cred + "issuer"), Term.Iri("did:web:x")));
        Assert.False(ds.DefaultGraph.Mentions(Term.Iri("did:web:x")));
    }

    [Fact]
    public void Vocab_prefixes_coercion_lists_language_json_nest_and_included()
    {
        var json = """
            { "@context": { "@vocab": "http://v/", "ex": "http://ex/", "xsd": "http://www.w3.org/2001/XMLSchema#",
                "date": { "@id": "ex:date", "@type": "xsd:date" }, "link": { "@id": "ex:link", "@type": "@id" },
                "items": { "@id": "ex:items", "@container": "@list" }, "label": { "@id": "ex:label", "@container": "@language" },
                "data": { "@id": "ex:data", "@type": "@json" }, "meta": "@nest", "extra": "@included" },
              "@id": "ex:s", "date": "2026-01-02", "link": "ex:o", "items": [1, 2.5, true], "label": { "en": "Hi", "de": "Hallo" },
              "data": { "b": 1, "a": [true, null] }, "meta": { "ex:nested": "n" }, "plain": "p",
              "extra": [{ "@id": "ex:other", "ex:q": "r" }] }
            """;
        var g = JsonLdToRdf.ToGraph(json, loader);
        var s = Term.Iri("http://ex/s");
        Assert.True(g.Contains(s, Term.Iri("http://ex/date"), Term.Literal("2026-01-02", Vocab.Xsd.Date)));
        Assert.True(g.Contains(s, Term.Iri("http://ex/link"), Term.Iri("http://ex/o")));
        var list = g.ReadList(g.Object(s, Term.Iri("http://ex/items"))!)!;
        Assert.Equal([Term.Literal("1", Vocab.Xsd.Integer), Term.Literal("2.5E0", Vocab.Xsd.Double), Term.Literal("true", Vocab.Xsd.Boolean)], list);
        Assert.True(g.Contains(s, Term.Iri("http://ex/label"), Term.Literal("Hallo", null, "de")));
        Assert.True(g.Contains(s, Term.Iri("http://ex/data"), Term.Literal("""{"a":[true,null],"b":1}""", Vocab.Rdf.Json)));
        Assert.True(g.Contains(s, Term.Iri("http://ex/nested"), Term.Literal("n")));
        Assert.True(g.Contains(s, Term.Iri("http://v/plain"), Term.Literal("p")));
        Assert.True(g.Contains(Term.Iri("http://ex/other"), Term.Iri("http://ex/q"), Term.Literal("r")));
    }

    [Fact]
    public void Property_scoped_context_propagates_and_may_override_protected_terms()
    {
        // The official Gaia-X context gives "region" a scoped context redefining "description"
        // (protected in VC 2.0) as skos:prefLabel: allowed, because property-scoped contexts override protection.
        var json = """
            { "@context": ["https://www.w3.org/ns/credentials/v2", "https://w3id.org/gaia-x/development#"],
              "id": "http://vc", "type": "VerifiableCredential",
              "credentialSubject": { "id": "http://s", "type": "Address",
                "region": { "id": "http://region/DE30", "description": "Berlin", "inner": { "description": "deep" } } } }
            """;
        var g = JsonLdToRdf.ToGraph(json, GaiaXShapesTestPaths.OfficialLoader());
        var prefLabel = Term.Iri("http://www.w3.org/2004/02/skos/core#prefLabel");
        Assert.True(g.Contains(Term.Iri("http://region/DE30"), prefLabel, Term.Literal("Berlin")));
        var inner = g.Object(Term.Iri("http://region/DE30"), Term.Iri(Gx + "inner"))!;
        Assert.True(g.Contains(inner, prefLabel, Term.Literal("deep")));
    }

    [Fact]
    public void Reverse_properties_and_id_maps_produce_the_expected_triples()
    {
        var json = """
            { "@context": { "ex": "http://ex/", "memberOf": { "@reverse": "ex:member" },
                "people": { "@id": "ex:people", "@container": "@id" } },
              "@id": "ex:org", "memberOf": { "@id": "ex:alliance" }, "people": { "ex:bob": { "ex:name": "Bob" } } }
            """;
        var g = JsonLdToRdf.ToGraph(json, loader);
        Assert.True(g.Contains(Term.Iri("http://ex/alliance"), Term.Iri("http://ex/member"), Term.Iri("http://ex/org")));
        Assert.True(g.Contains(Term.Iri("http://ex/org"), Term.Iri("http://ex/people"), Term.Iri("http://ex/bob")));
        Assert.True(g.Contains(Term.Iri("http://ex/bob"), Term.Iri("http://ex/name"), Term.Literal("Bob")));
    }

    [Fact]
    public void Invalid_json_is_a_json_ld_error()
    {
        var e = Assert.Throws<JsonLdException>(() => JsonLdToRdf.ToDataset("{ not json", loader));
        Assert.Equal(JsonLdErrorCodes.LoadingDocumentFailed, e.Code);
    }

    [Fact]
    public void Our_contexts_and_the_official_files_give_the_same_triples_for_our_credential()
    {
        var official = GaiaXShapesTestPaths.OfficialLoader();
        var ours = JsonLdToRdf.ToGraph(Credential, loader);
        var theirs = JsonLdToRdf.ToGraph(Credential.Replace("\"street-address\": \"Main 1\"", "\"vcard:street-address\": \"Main 1\"", StringComparison.Ordinal), official);
        Assert.Equal(
            ours.Triples.Select(t => t.ToString()).Order(StringComparer.Ordinal),
            theirs.Triples.Select(t => t.ToString()).Order(StringComparer.Ordinal));
    }
}
