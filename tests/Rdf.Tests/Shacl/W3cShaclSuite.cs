using GaiaX.Oid4vc.Rdf.Shacl;
using GaiaX.Oid4vc.Testing;

namespace GaiaX.Oid4vc.Rdf.Tests.Shacl;

/// <summary>Reads the W3C SHACL Core test suite through its manifests and runs one test case.</summary>
internal static class W3cShaclSuite
{
    private const string Mf = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#";
    private const string Sht = "http://www.w3.org/ns/shacl-test#";

    public static string Root => Path.Combine(RepositoryPaths.SharedData, "shacl-test-suite", "core");

    /// <summary>Every test case as (file, test IRI), following mf:include from the root manifest.</summary>
    public static IReadOnlyList<(string File, string Test)> Cases()
    {
        var cases = new List<(string, string)>();
        var visited = new HashSet<string>();
        Walk(Path.Combine(Root, "manifest.ttl"), cases, visited);
        return cases;
    }

    private static void Walk(string file, List<(string, string)> cases, HashSet<string> visited)
    {
        if (!visited.Add(file))
        {
            return;
        }
        var baseIri = new Uri(file).AbsoluteUri;
        var graph = TurtleParser.Parse(File.ReadAllText(file), baseIri);
        var self = Term.Iri(baseIri);
        foreach (var include in graph.Objects(self, Term.Iri(Mf + "include")))
        {
            Walk(new Uri(include.Value).LocalPath, cases, visited);
        }
        foreach (var entries in graph.Objects(self, Term.Iri(Mf + "entries")))
        {
            foreach (var entry in graph.ReadList(entries) ?? [])
            {
                cases.Add((file, entry.Value));
            }
        }
    }

    /// <summary>Runs one test; returns null when it passes, otherwise why not.</summary>
    public static string? Run(string file, string test)
    {
        var manifestGraph = Load(new Uri(file).AbsoluteUri);
        var testNode = Term.Iri(test);
        if (!manifestGraph.Contains(testNode, Term.Iri(Vocab.Rdf.Type), Term.Iri(Sht + "Validate")))
        {
            return "not a sht:Validate test";
        }
        var action = manifestGraph.Object(testNode, Term.Iri(Mf + "action"))!;
        var dataIri = manifestGraph.Object(action, Term.Iri(Sht + "dataGraph"))!.Value;
        var shapesIri = manifestGraph.Object(action, Term.Iri(Sht + "shapesGraph"))!.Value;
        var expected = manifestGraph.Object(testNode, Term.Iri(Mf + "result"))!;
        var data = Load(dataIri);
        var shapesGraph = Load(shapesIri);

        ValidationReport report;
        try
        {
            report = ShapesGraph.Compile(shapesGraph).Validate(data);
        }
        catch (ShapesGraphException e)
        {
            return expected.Equals(Term.Iri(Sht + "Failure")) ? null : "unexpected shapes graph failure: " + e.Message;
        }
        if (expected.Equals(Term.Iri(Sht + "Failure")))
        {
            return "expected a failure, got a report";
        }
        var expectedConforms = manifestGraph.Object(expected, Sh.Conforms)!.Value is "true" or "1";
        if (expectedConforms != report.Conforms)
        {
            return $"conforms: expected {expectedConforms}, got {report.Conforms}; results: {string.Join(" | ", report.Results.Select(Key))}";
        }
        var expectedKeys = manifestGraph.Objects(expected, Sh.Result).Select(r => ExpectedKey(manifestGraph, r)).Order(StringComparer.Ordinal).ToList();
        var actualKeys = report.Results.Select(Key).Order(StringComparer.Ordinal).ToList();
        if (!expectedKeys.SequenceEqual(actualKeys))
        {
            var missing = expectedKeys.Except(actualKeys).ToList();
            var extra = actualKeys.Except(expectedKeys).ToList();
            return $"results differ ({expectedKeys.Count} expected, {actualKeys.Count} actual); missing: {string.Join(" | ", missing)}; unexpected: {string.Join(" | ", extra)}";
        }
        return null;
    }

    private static Graph Load(string iri) => TurtleParser.Parse(File.ReadAllText(new Uri(iri).LocalPath), iri);

    // Blank nodes are compared as wildcards: labels differ between separately parsed graphs.
    private static string Show(Term? t) => t is null ? "-" : t.IsBlankNode ? "_:" : t.ToString();

    private static string Key(ValidationResult r) =>
        string.Join(" ", Show(r.FocusNode), r.Path?.ToString() ?? "-", Show(r.Value), Show(r.SourceConstraintComponent), Show(r.SourceShape), Show(r.SeverityIri));

    private static string ExpectedKey(Graph g, Term result)
    {
        var path = g.Object(result, Sh.ResultPath);
        return string.Join(" ",
            Show(g.Object(result, Sh.FocusNode)),
            path is null ? "-" : PropertyPath.FromRdf(g, path).ToString(),
            Show(g.Object(result, Sh.Value)),
            Show(g.Object(result, Sh.SourceConstraintComponent)),
            Show(g.Object(result, Sh.SourceShape)),
            Show(g.Object(result, Sh.ResultSeverity)));
    }
}
