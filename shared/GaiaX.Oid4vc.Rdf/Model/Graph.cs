using System.Runtime.InteropServices;

namespace GaiaX.Oid4vc.Rdf;

/// <summary>
/// An RDF graph: a set of triples whose terms are interned to integer ids and indexed by subject,
/// predicate and object. Not thread-safe for writing; safe for concurrent reads once built.
/// </summary>
public sealed class Graph
{
    private static readonly int[] Empty = [];
    private readonly Dictionary<Term, int> ids = new();
    private readonly List<Term> terms = new();
    private readonly List<(int S, int P, int O)> triples = new();
    private readonly HashSet<(int S, int P, int O)> set = new();
    private readonly Dictionary<int, List<int>> bySubject = new();
    private readonly Dictionary<int, List<int>> byPredicate = new();
    private readonly Dictionary<int, List<int>> byObject = new();

    public int Count => triples.Count;

    public IEnumerable<Triple> Triples
    {
        get
        {
            foreach (var (s, p, o) in triples)
            {
                yield return new Triple(terms[s], terms[p], terms[o]);
            }
        }
    }

    /// <summary>Adds a triple; returns false when it was already present.</summary>
    public bool Add(Term subject, Term predicate, Term @object)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(predicate);
        ArgumentNullException.ThrowIfNull(@object);
        var key = (Intern(subject), Intern(predicate), Intern(@object));
        if (!set.Add(key))
        {
            return false;
        }
        var index = triples.Count;
        triples.Add(key);
        Index(bySubject, key.Item1, index);
        Index(byPredicate, key.Item2, index);
        Index(byObject, key.Item3, index);
        return true;
    }

    public bool Add(Triple triple) => Add(triple.Subject, triple.Predicate, triple.Object);

    public void AddAll(Graph other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (s, p, o) in other.triples)
        {
            Add(other.terms[s], other.terms[p], other.terms[o]);
        }
    }

    public bool Contains(Term subject, Term predicate, Term @object) =>
        ids.TryGetValue(subject, out var s) && ids.TryGetValue(predicate, out var p) && ids.TryGetValue(@object, out var o) &&
        set.Contains((s, p, o));

    /// <summary>Whether the term occurs anywhere in the graph.</summary>
    public bool Mentions(Term term) => ids.ContainsKey(term);

    /// <summary>Triples matching a pattern; null matches anything.</summary>
    public IEnumerable<Triple> Match(Term? subject, Term? predicate, Term? @object)
    {
        int s = -1, p = -1, o = -1;
        if ((subject is not null && !ids.TryGetValue(subject, out s)) ||
            (predicate is not null && !ids.TryGetValue(predicate, out p)) ||
            (@object is not null && !ids.TryGetValue(@object, out o)))
        {
            return [];
        }
        return MatchIds(s, p, o);
    }

    private IEnumerable<Triple> MatchIds(int s, int p, int o)
    {
        if (s >= 0 && p >= 0 && o >= 0)
        {
            if (set.Contains((s, p, o)))
            {
                yield return new Triple(terms[s], terms[p], terms[o]);
            }
            yield break;
        }
        IEnumerable<int> candidates = s >= 0 ? Lookup(bySubject, s) : o >= 0 ? Lookup(byObject, o) : p >= 0 ? Lookup(byPredicate, p) : Enumerable.Range(0, triples.Count);
        foreach (var i in candidates)
        {
            var t = triples[i];
            if ((s < 0 || t.S == s) && (p < 0 || t.P == p) && (o < 0 || t.O == o))
            {
                yield return new Triple(terms[t.S], terms[t.P], terms[t.O]);
            }
        }
    }

    /// <summary>Objects of the triples with this subject and predicate, appended to <paramref name="into"/>.</summary>
    public void Objects(Term subject, Term predicate, List<Term> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        if (!ids.TryGetValue(subject, out var s) || !ids.TryGetValue(predicate, out var p) || !bySubject.TryGetValue(s, out var list))
        {
            return;
        }
        foreach (var i in CollectionsMarshal.AsSpan(list))
        {
            var t = triples[i];
            if (t.P == p)
            {
                into.Add(terms[t.O]);
            }
        }
    }

    public List<Term> Objects(Term subject, Term predicate)
    {
        var list = new List<Term>();
        Objects(subject, predicate, list);
        return list;
    }

    /// <summary>Subjects of the triples with this predicate and object, appended to <paramref name="into"/>.</summary>
    public void Subjects(Term predicate, Term @object, List<Term> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        if (!ids.TryGetValue(@object, out var o) || !ids.TryGetValue(predicate, out var p) || !byObject.TryGetValue(o, out var list))
        {
            return;
        }
        foreach (var i in CollectionsMarshal.AsSpan(list))
        {
            var t = triples[i];
            if (t.P == p)
            {
                into.Add(terms[t.S]);
            }
        }
    }

    public List<Term> Subjects(Term predicate, Term @object)
    {
        var list = new List<Term>();
        Subjects(predicate, @object, list);
        return list;
    }

    /// <summary>The single object of (subject, predicate), or null when there is none.</summary>
    public Term? Object(Term subject, Term predicate)
    {
        if (!ids.TryGetValue(subject, out var s) || !ids.TryGetValue(predicate, out var p) || !bySubject.TryGetValue(s, out var list))
        {
            return null;
        }
        foreach (var i in CollectionsMarshal.AsSpan(list))
        {
            var t = triples[i];
            if (t.P == p)
            {
                return terms[t.O];
            }
        }
        return null;
    }

    /// <summary>Triples with this subject (predicate, object pairs), appended to <paramref name="into"/>.</summary>
    public void Outgoing(Term subject, List<(Term Predicate, Term Object)> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        if (!ids.TryGetValue(subject, out var s) || !bySubject.TryGetValue(s, out var list))
        {
            return;
        }
        foreach (var i in CollectionsMarshal.AsSpan(list))
        {
            var t = triples[i];
            into.Add((terms[t.P], terms[t.O]));
        }
    }

    /// <summary>Distinct subjects of triples with this predicate.</summary>
    public IEnumerable<Term> SubjectsOf(Term predicate)
    {
        if (!ids.TryGetValue(predicate, out var p))
        {
            return [];
        }
        return Lookup(byPredicate, p).Select(i => triples[i].S).Distinct().Select(i => terms[i]);
    }

    /// <summary>Distinct objects of triples with this predicate.</summary>
    public IEnumerable<Term> ObjectsOf(Term predicate)
    {
        if (!ids.TryGetValue(predicate, out var p))
        {
            return [];
        }
        return Lookup(byPredicate, p).Select(i => triples[i].O).Distinct().Select(i => terms[i]);
    }

    /// <summary>
    /// Reads an RDF collection (rdf:first / rdf:rest) starting at <paramref name="head"/>; null when
    /// the structure is not a well-formed list.
    /// </summary>
    public List<Term>? ReadList(Term head)
    {
        var items = new List<Term>();
        var seen = new HashSet<Term>();
        var node = head;
        while (!node.Equals(Terms.RdfNil))
        {
            if (!seen.Add(node))
            {
                return null;
            }
            var first = Object(node, Terms.RdfFirst);
            var rest = Object(node, Terms.RdfRest);
            if (first is null || rest is null)
            {
                return null;
            }
            items.Add(first);
            node = rest;
        }
        return items;
    }

    private int Intern(Term term)
    {
        ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(ids, term, out var exists);
        if (!exists)
        {
            id = terms.Count;
            terms.Add(term);
        }
        return id;
    }

    private static void Index(Dictionary<int, List<int>> index, int key, int triple)
    {
        ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(index, key, out _);
        (list ??= new List<int>(2)).Add(triple);
    }

    private static IReadOnlyList<int> Lookup(Dictionary<int, List<int>> index, int key) =>
        index.TryGetValue(key, out var list) ? list : Empty;
}

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
        DefaultGraph.Triples.Select(t => new Quad(t.Subject, t.Predicate, t.Object, null))
            .Concat(named.SelectMany(g => g.Value.Triples.Select(t => new Quad(t.Subject, t.Predicate, t.Object, g.Key))));

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
