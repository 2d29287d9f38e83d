namespace GaiaX.Oid4vc.Rdf.Tests.Turtle;

public sealed class TurtleParserTests
{
    private const string Ex = "http://example.org/";

    private static Term Ex_(string local) => Term.Iri(Ex + local);

    [Fact]
    public void Prefixes_base_and_relative_iris_resolve()
    {
        var g = TurtleParser.Parse("""
            @base <http://example.org/dir/> .
            @prefix ex: <http://example.org/> .
            PREFIX s: <http://schema.example/>
            <a> ex:p <../b> .
            ex:c s:q <#frag> .
            """);
        Assert.True(g.Contains(Term.Iri("http://example.org/dir/a"), Ex_("p"), Term.Iri("http://example.org/b")));
        Assert.True(g.Contains(Ex_("c"), Term.Iri("http://schema.example/q"), Term.Iri("http://example.org/dir/#frag")));
    }

    [Fact]
    public void Literals_with_language_datatype_numbers_booleans_and_escapes()
    {
        var g = TurtleParser.Parse(""""
            @prefix ex: <http://example.org/> .
            @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
            ex:s ex:lang "chat"@FR ; ex:typed "5"^^xsd:byte ; ex:int -12 ; ex:dec 1.5 ; ex:dbl 1e3 ; ex:bool true ;
                 ex:esc "a\"b\\c\n\u00e9\U0001F600" ; ex:long """two
            lines""" ; ex:single 'x' .
            """");
        var s = Ex_("s");
        Assert.Equal(Term.Literal("chat", null, "fr"), g.Object(s, Ex_("lang")));
        Assert.Equal(Term.Literal("5", "http://www.w3.org/2001/XMLSchema#byte"), g.Object(s, Ex_("typed")));
        Assert.Equal(Term.Literal("-12", Vocab.Xsd.Integer), g.Object(s, Ex_("int")));
        Assert.Equal(Term.Literal("1.5", Vocab.Xsd.Decimal), g.Object(s, Ex_("dec")));
        Assert.Equal(Term.Literal("1e3", Vocab.Xsd.Double), g.Object(s, Ex_("dbl")));
        Assert.Equal(Term.Literal("true", Vocab.Xsd.Boolean), g.Object(s, Ex_("bool")));
        Assert.Equal("a\"b\\c\né\U0001F600", g.Object(s, Ex_("esc"))!.Value);
        Assert.Equal("two\nlines", g.Object(s, Ex_("long"))!.Value);
        Assert.Equal("x", g.Object(s, Ex_("single"))!.Value);
    }

    [Fact]
    public void Collections_and_blank_node_property_lists_build_their_triples()
    {
        var g = TurtleParser.Parse("""
            @prefix ex: <http://example.org/> .
            ex:s ex:list ( 1 ex:two [ ex:p "three" ] ) ; ex:empty () .
            [ ex:q ex:o ] .
            _:x ex:r _:x .
            """);
        var list = g.ReadList(g.Object(Ex_("s"), Ex_("list"))!)!;
        Assert.Equal(3, list.Count);
        Assert.Equal(Ex_("two"), list[1]);
        Assert.Equal("three", g.Object(list[2], Ex_("p"))!.Value);
        Assert.Equal(Term.Iri(Vocab.Rdf.Nil), g.Object(Ex_("s"), Ex_("empty")));
        Assert.Single(g.Match(null, Ex_("q"), Ex_("o")));
        var t = Assert.Single(g.Match(null, Ex_("r"), null));
        Assert.Equal(t.Subject, t.Object);
    }

    [Fact]
    public void Duplicate_triples_are_stored_once()
    {
        var g = TurtleParser.Parse("<http://a> <http://b> <http://c>, <http://c> . <http://a> <http://b> <http://c> .");
        Assert.Equal(1, g.Count);
    }

    [Theory]
    [InlineData("@prefix ex: <http://example.org/> .\nex:s ex:p undefined:o .", 2, 11, "undefined prefix")]
    [InlineData("<http://a> <http://b> \"unterminated .", 1, 23, "unterminated string literal")]
    [InlineData("<http://a> <http://b> <http://c>\n<http://d> <http://e> <http://f> .", 2, 1, "expected '.'")]
    [InlineData("<http://a> <http://b> <http://c> ;\n  <http://d> .", 2, 14, "expected an object")]
    [InlineData("<http://a> <http://b> \"x\"^^ .", 1, 29, "expected a datatype IRI")]
    [InlineData("<http://a b> <http://b> <http://c> .", 1, 10, "not allowed in an IRI")]
    [InlineData("<http://a> <http://b> \"\\q\" .", 1, 24, "invalid escape")]
    public void Syntax_errors_report_line_and_column(string text, int line, int column, string reason)
    {
        var e = Assert.Throws<RdfSyntaxException>(() => TurtleParser.Parse(text));
        Assert.True((line, column) == (e.Line, e.Column), e.Message);
        Assert.Contains(reason, e.Reason, StringComparison.Ordinal);
        Assert.Contains($"line {line}, column {column}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NTriples_parse_and_reject_relative_iris_with_position()
    {
        var g = TurtleParser.ParseNTriples("<http://a> <http://b> \"c\"@en .\n_:x <http://b> <http://c> .\n");
        Assert.Equal(2, g.Count);
        var e = Assert.Throws<RdfSyntaxException>(() => TurtleParser.ParseNTriples("<http://a> <http://b> <http://c> .\n<rel> <http://b> <http://c> ."));
        Assert.Equal((2, 2), (e.Line, e.Column));
    }

    [Fact]
    public void NQuads_put_quads_in_their_named_graphs()
    {
        var ds = TurtleParser.ParseNQuads("<http://a> <http://b> <http://c> <http://g> .\n<http://a> <http://b> \"d\" .\n");
        Assert.Equal(1, ds.DefaultGraph.Count);
        Assert.Equal(1, ds.NamedGraphs[Term.Iri("http://g")].Count);
        Assert.Equal(2, ds.Quads.Count());
    }
}

public sealed class SerializationTests
{
    [Fact]
    public void NQuads_output_parses_back_to_the_same_dataset()
    {
        var ds = TurtleParser.ParseNQuads("<http://a> <http://b> \"x\\ny \\\"q\\\"\"@en <http://g> .\n_:b0 <http://b> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n");
        var again = TurtleParser.ParseNQuads(ds.ToNQuads());
        Assert.Equal(ds.ToNQuads(), again.ToNQuads());
        Assert.Equal("x\ny \"q\"", again.NamedGraphs[Term.Iri("http://g")].Triples.Single().Object.Value);
    }
}
