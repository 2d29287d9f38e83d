namespace GaiaX.Oid4vc.Rdf;

/// <summary>An RDF dataset: a default graph and named graphs.</summary>
public sealed class Dataset
{
    private readonly Dictionary<Term, Graph> named = new();

    public Graph DefaultGraph { get; } = new();

    public IReadOnlyDictionary<Term, Graph> NamedGraphs => named;

    public Graph GetOrAddGraph(Term? name)
    {
        if (name is null)
        {
            return DefaultGraph;
        }
        if (!named.TryGetValue(name, out var graph))
        {
            graph = new Graph();
            named.Add(name, graph);
        }
        return graph;
    }

    public void Add(Quad quad) => GetOrAddGraph(quad.GraphName).Add(quad.Subject, quad.Predicate, quad.Object);

    public IEnumerable<Quad> Quads =>
        DefaultGraph
            .Triples.Select(t => new Quad(t.Subject, t.Predicate, t.Object, null))
            .Concat(named.SelectMany(g => g.Value.Triples.Select(t => new Quad(t.Subject, t.Predicate, t.Object, g.Key))));

    /// <summary>The dataset in N-Quads, one quad a line.</summary>
    public string ToNQuads()
    {
        var sb = new System.Text.StringBuilder();
        foreach (var q in Quads)
        {
            sb.Append(q.Subject).Append(' ').Append(q.Predicate).Append(' ').Append(q.Object);
            if (q.GraphName is not null)
            {
                sb.Append(' ').Append(q.GraphName);
            }
            sb.Append(" .\n");
        }
        return sb.ToString();
    }

    /// <summary>The default graph merged with every named graph (a new graph).</summary>
    public Graph UnionGraph()
    {
        var union = new Graph();
        union.AddAll(DefaultGraph);
        foreach (var g in named.Values)
        {
            union.AddAll(g);
        }
        return union;
    }
}
