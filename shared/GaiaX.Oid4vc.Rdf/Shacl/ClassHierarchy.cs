namespace GaiaX.Oid4vc.Rdf.Shacl;

/// <summary>
/// The transitive closure of <c>rdfs:subClassOf</c>, used for SHACL instance checks
/// (<c>sh:class</c>, <c>sh:targetClass</c>). Immutable once built.
/// </summary>
public sealed class ClassHierarchy
{
    private static readonly HashSet<Term> None = [];
    private readonly Dictionary<Term, List<Term>> direct;
    private readonly Dictionary<Term, HashSet<Term>> closure;

    private ClassHierarchy(Dictionary<Term, List<Term>> direct)
    {
        this.direct = direct;
        closure = new Dictionary<Term, HashSet<Term>>();
        foreach (var cls in direct.Keys)
        {
            var supers = new HashSet<Term>();
            var stack = new Stack<Term>(direct[cls]);
            while (stack.Count > 0)
            {
                var s = stack.Pop();
                if (supers.Add(s) && direct.TryGetValue(s, out var next))
                {
                    foreach (var n in next)
                    {
                        stack.Push(n);
                    }
                }
            }
            closure[cls] = supers;
        }
    }

    public static ClassHierarchy Empty { get; } = new(new Dictionary<Term, List<Term>>());

    /// <summary>The number of classes that have a superclass.</summary>
    public int Count => closure.Count;

    /// <summary>Builds the hierarchy from the <c>rdfs:subClassOf</c> triples of the given graphs.</summary>
    public static ClassHierarchy FromGraphs(params Graph?[] graphs)
    {
        ArgumentNullException.ThrowIfNull(graphs);
        var direct = new Dictionary<Term, List<Term>>();
        foreach (var g in graphs)
        {
            if (g is not null)
            {
                AddEdges(direct, g);
            }
        }
        return new ClassHierarchy(direct);
    }

    /// <summary>All strict superclasses of <paramref name="cls"/> (transitively).</summary>
    public IReadOnlySet<Term> SuperClassesOf(Term cls) => closure.TryGetValue(cls, out var s) ? s : None;

    /// <summary>Whether <paramref name="sub"/> is <paramref name="super"/> or one of its subclasses.</summary>
    public bool IsSubClassOrSame(Term sub, Term super) => sub.Equals(super) || (closure.TryGetValue(sub, out var s) && s.Contains(super));

    /// <summary>
    /// This hierarchy with the <c>rdfs:subClassOf</c> triples of <paramref name="graph"/> added (e.g. an ecosystem's
    /// classes that refine the Gaia-X ones); itself when the graph has none. Build it once and reuse it: the closure is
    /// computed anew.
    /// </summary>
    public ClassHierarchy ExtendedWithGraph(Graph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return ExtendedWith(graph);
    }

    /// <summary>This hierarchy extended with the data graph's own subClassOf triples (itself when there are none).</summary>
    internal ClassHierarchy ExtendedWith(Graph data)
    {
        if (!data.Mentions(Terms.SubClassOf))
        {
            return this;
        }
        var merged = direct.ToDictionary(kv => kv.Key, kv => new List<Term>(kv.Value));
        AddEdges(merged, data);
        return new ClassHierarchy(merged);
    }

    private static void AddEdges(Dictionary<Term, List<Term>> direct, Graph graph)
    {
        foreach (var t in graph.Match(null, Terms.SubClassOf, null))
        {
            if (!direct.TryGetValue(t.Subject, out var list))
            {
                list = new List<Term>(1);
                direct.Add(t.Subject, list);
            }
            if (!list.Contains(t.Object))
            {
                list.Add(t.Object);
            }
        }
    }
}
