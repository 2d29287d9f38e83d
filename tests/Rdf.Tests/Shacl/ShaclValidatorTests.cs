using GaiaX.Oid4vc.Rdf.Shacl;

namespace GaiaX.Oid4vc.Rdf.Tests.Shacl;

public sealed class ShaclValidatorTests
{
    private const string Shapes = """
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix ex: <http://example.org/> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        ex:PersonShape a sh:NodeShape ; sh:targetClass ex:Person ; sh:closed true ; sh:ignoredProperties ( <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> ex:address ) ;
          sh:property [ sh:path ex:name ; sh:minCount 1 ; sh:datatype xsd:string ] ,
                      [ sh:path ex:employer ; sh:class ex:Company ] ,
                      [ sh:path ( ex:address ex:zip ) ; sh:pattern "^[0-9]{5}$" ; sh:severity sh:Warning ] .
        """;

    private static readonly ShapesGraph Compiled = ShapesGraph.Compile(TurtleParser.Parse(Shapes));

    private const string Data = """
        @prefix ex: <http://example.org/> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        ex:alice a ex:Person ; ex:address [ ex:zip "1234" ] ; ex:employer ex:acme ; ex:age 3 .
        ex:acme a ex:Shop .
        """;

    [Fact]
    public void Report_lists_focus_path_value_component_shape_severity_and_message()
    {
        var report = Compiled.Validate(TurtleParser.Parse(Data));
        Assert.False(report.Conforms);
        var components = report.Results.Select(r => r.SourceConstraintComponent.Value[Sh.Ns.Length..]).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["ClassConstraintComponent", "ClosedConstraintComponent", "MinCountConstraintComponent", "PatternConstraintComponent"], components);
        var pattern = report.Results.Single(r => r.SourceConstraintComponent.Value.EndsWith("PatternConstraintComponent", StringComparison.Ordinal));
        Assert.Equal(Severity.Warning, pattern.Severity);
        Assert.Equal("<http://example.org/address>/<http://example.org/zip>", pattern.Path!.ToString());
        Assert.Equal("1234", pattern.Value!.Value);
        Assert.Equal("http://example.org/alice", pattern.FocusNode.Value);
        Assert.All(report.Results, r => Assert.False(string.IsNullOrWhiteSpace(r.Message)));
    }

    [Fact]
    public void Report_as_rdf_uses_the_shacl_report_vocabulary_and_keeps_complex_paths()
    {
        var report = Compiled.Validate(TurtleParser.Parse(Data));
        var rdf = report.ToRdf();
        var reportNode = Assert.Single(rdf.Subjects(Term.Iri(Vocab.Rdf.Type), Sh.ValidationReport));
        Assert.Equal(Term.Literal("false", Vocab.Xsd.Boolean), rdf.Object(reportNode, Sh.Conforms));
        var results = rdf.Objects(reportNode, Sh.Result);
        Assert.Equal(report.Results.Count, results.Count);
        var patternResult = results.Single(r => rdf.Object(r, Sh.SourceConstraintComponent)!.Value.EndsWith("PatternConstraintComponent", StringComparison.Ordinal));
        Assert.Equal(Sh.Warning, rdf.Object(patternResult, Sh.ResultSeverity));
        Assert.Equal("<http://example.org/address>/<http://example.org/zip>", PropertyPath.FromRdf(rdf, rdf.Object(patternResult, Sh.ResultPath)!).ToString());
    }

    [Fact]
    public void Report_as_json_is_readable()
    {
        var json = System.Text.Json.JsonDocument.Parse(Compiled.Validate(TurtleParser.Parse(Data)).ToJson()).RootElement;
        Assert.False(json.GetProperty("conforms").GetBoolean());
        var closed = json.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("constraintComponent").GetString() == "sh:ClosedConstraintComponent");
        Assert.Equal("http://example.org/age", closed.GetProperty("path").GetString());
        Assert.Equal("\"3\"^^<http://www.w3.org/2001/XMLSchema#integer>", closed.GetProperty("value").GetString());
        Assert.Equal("Violation", closed.GetProperty("severity").GetString());
        Assert.Equal("http://example.org/PersonShape", closed.GetProperty("shape").GetString());
    }

    [Fact]
    public void Data_graph_subclass_triples_count_unless_the_caller_ignores_them()
    {
        var data = TurtleParser.Parse(Data + "\nex:Shop rdfs:subClassOf ex:Company .");
        static bool ClassFails(ValidationReport r) => r.Results.Any(x => x.SourceConstraintComponent.Value.EndsWith("ClassConstraintComponent", StringComparison.Ordinal));
        Assert.False(ClassFails(Compiled.Validate(data)));
        Assert.True(ClassFails(Compiled.Validate(data, new ShaclValidationOptions { IgnoreDataGraphClassHierarchy = true })));
    }

    [Fact]
    public void One_compiled_shapes_graph_validates_concurrently_with_identical_reports()
    {
        var expected = Compiled.Validate(TurtleParser.Parse(Data)).ToJson();
        var reports = new string[64];
        Parallel.For(0, reports.Length, i => reports[i] = Compiled.Validate(TurtleParser.Parse(Data)).ToJson());
        Assert.All(reports, r => Assert.Equal(expected, r));
    }

    [Fact]
    public void Ill_formed_shapes_are_rejected_at_compile_time()
    {
        var bad = """
            @prefix sh: <http://www.w3.org/ns/shacl#> .
            <http://s> a sh:NodeShape ; sh:targetNode <http://n> ; sh:in "not a list" .
            """;
        Assert.Throws<ShapesGraphException>(() => ShapesGraph.Compile(TurtleParser.Parse(bad)));
        var badPattern = """
            @prefix sh: <http://www.w3.org/ns/shacl#> .
            <http://s> a sh:NodeShape ; sh:targetNode <http://n> ; sh:pattern "([" .
            """;
        Assert.Throws<ShapesGraphException>(() => ShapesGraph.Compile(TurtleParser.Parse(badPattern)));
    }
}
