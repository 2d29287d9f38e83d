using System.Text;
using System.Text.Json;

namespace GaiaX.Oid4vc.Rdf.Shacl;

/// <summary>A SHACL validation report (section 3.6).</summary>
public sealed class ValidationReport
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public ValidationReport(IReadOnlyList<ValidationResult> results)
    {
        Results = results;
    }

    /// <summary>True when there are no results of any severity (sh:conforms).</summary>
    public bool Conforms => Results.Count == 0;

    public IReadOnlyList<ValidationResult> Results { get; }

    /// <summary>The report as an RDF graph in the SHACL report vocabulary.</summary>
    public Graph ToRdf()
    {
        var graph = new Graph();
        var counter = 0;
        Term NewBlank() => Term.Blank("r" + counter++.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var report = NewBlank();
        graph.Add(report, Terms.RdfType, Sh.ValidationReport);
        graph.Add(report, Sh.Conforms, Conforms ? Terms.True : Terms.False);
        foreach (var r in Results)
        {
            var node = NewBlank();
            graph.Add(report, Sh.Result, node);
            graph.Add(node, Terms.RdfType, Sh.ValidationResult);
            graph.Add(node, Sh.FocusNode, r.FocusNode);
            if (r.Path is not null)
            {
                graph.Add(node, Sh.ResultPath, r.Path.ToRdf(graph, NewBlank));
            }
            if (r.Value is not null)
            {
                graph.Add(node, Sh.Value, r.Value);
            }
            graph.Add(node, Sh.SourceConstraintComponent, r.SourceConstraintComponent);
            graph.Add(node, Sh.SourceShape, r.SourceShape);
            graph.Add(node, Sh.ResultSeverity, r.SeverityIri);
            foreach (var m in r.Messages)
            {
                graph.Add(node, Sh.ResultMessage, m);
            }
        }
        return graph;
    }

    /// <summary>A readable JSON form: <c>{ "conforms": …, "results": [ { "focusNode", "path", "value", "constraintComponent", "shape",
    /// "severity", "message" } ] }</c>.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            WriteJson(writer);
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteBoolean("conforms", Conforms);
        writer.WriteStartArray("results");
        foreach (var r in Results)
        {
            writer.WriteStartObject();
            writer.WriteString("focusNode", Readable(r.FocusNode));
            if (r.Path is not null)
            {
                writer.WriteString("path", r.Path is PredicatePath p ? p.Predicate.Value : r.Path.ToString());
            }
            if (r.Value is not null)
            {
                writer.WriteString("value", Readable(r.Value));
            }
            writer.WriteString("constraintComponent", Local(r.SourceConstraintComponent));
            writer.WriteString("shape", Readable(r.SourceShape));
            if (r.TargetShape is not null && !r.TargetShape.Equals(r.SourceShape))
            {
                writer.WriteString("targetShape", Readable(r.TargetShape));
            }
            writer.WriteString("severity", r.Severity.ToString());
            writer.WriteString("message", r.Message);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static string Local(Term t) => t.Value.StartsWith(Sh.Ns, StringComparison.Ordinal) ? "sh:" + t.Value[Sh.Ns.Length..] : t.Value;

    internal static string Readable(Term t) =>
        t.Kind switch
        {
            TermKind.Iri => t.Value,
            TermKind.BlankNode => "_:" + t.Value,
            _ => t.ToString(),
        };
}
