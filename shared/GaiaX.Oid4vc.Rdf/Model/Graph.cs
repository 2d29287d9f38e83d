using System.Runtime.InteropServices;

namespace GaiaX.Oid4vc.Rdf;

/// <summary>
/// An RDF graph: a set of triples whose terms are interned to integer ids and indexed by subject,
/// predicate and object. Not thread-safe for writing; safe for concurrent reads once built.
/// </summary>
public sealed class Graph
{
    private readonly Dictionary<Term, int> ids = new();
    private readonly List<Term> terms = new();
    private readonly HashSet<(int S, int P, int O)> set = new();

    // Triples in insertion order, plus one singly linked chain per subject, predicate and object
    // (head/tail per term id, next per triple): indexing costs array writes, not allocations.
    private int[] ts = new int[16],
        tp = new int[16],
        to = new int[16];
    private int[] nextS = new int[16],
        nextP = new int[16],
        nextO = new int[16];
    private int[] headS = new int[16],
        tailS = new int[16],
        headP = new int[16],
        tailP = new int[16],
        headO = new int[16],
        tailO = new int[16];
    private int count;

    public int Count => count;

    public IEnumerable<Triple> Triples
    {
        get
        {
            for (var i = 0; i < count; i++)
            {
                yield return new Triple(terms[ts[i]], terms[tp[i]], terms[to[i]]);
            }
        }
    }

    /// <summary>Adds a triple; returns false when it was already present.</summary>
    public bool Add(Term subject, Term predicate, Term @object)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(predicate);
        ArgumentNullException.ThrowIfNull(@object);
        var s = Intern(subject);
        var p = Intern(predicate);
        var o = Intern(@object);
        if (!set.Add((s, p, o)))
        {
            return false;
        }
        if (count == ts.Length)
        {
            var size = count * 2;
            Array.Resize(ref ts, size);
            Array.Resize(ref tp, size);
            Array.Resize(ref to, size);
            Array.Resize(ref nextS, size);
            Array.Resize(ref nextP, size);
            Array.Resize(ref nextO, size);
        }
        var i = count++;
        ts[i] = s;
        tp[i] = p;
        to[i] = o;
        Link(headS, tailS, nextS, s, i);
        Link(headP, tailP, nextP, p, i);
        Link(headO, tailO, nextO, o, i);
        return true;
    }

    public bool Add(Triple triple) => Add(triple.Subject, triple.Predicate, triple.Object);

    /// <summary>The graph in N-Triples, one triple a line, in insertion order.</summary>
    public string ToNTriples()
    {
        var sb = new System.Text.StringBuilder();
        foreach (var t in Triples)
        {
            sb.Append(t.ToString()).Append('\n');
        }
        return sb.ToString();
    }

    public void AddAll(Graph other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var i = 0; i < other.count; i++)
        {
            Add(other.terms[other.ts[i]], other.terms[other.tp[i]], other.terms[other.to[i]]);
        }
    }

    public bool Contains(Term subject, Term predicate, Term @object) =>
        ids.TryGetValue(subject, out var s)
        && ids.TryGetValue(predicate, out var p)
        && ids.TryGetValue(@object, out var o)
        && set.Contains((s, p, o));

    /// <summary>Whether the term occurs anywhere in the graph.</summary>
    public bool Mentions(Term term) => ids.ContainsKey(term);

    /// <summary>Triples matching a pattern; null matches anything.</summary>
    public IEnumerable<Triple> Match(Term? subject, Term? predicate, Term? @object)
    {
        int s = -1,
            p = -1,
            o = -1;
        if (
            (subject is not null && !ids.TryGetValue(subject, out s))
            || (predicate is not null && !ids.TryGetValue(predicate, out p))
            || (@object is not null && !ids.TryGetValue(@object, out o))
        )
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
        if (s < 0 && p < 0 && o < 0)
        {
            for (var i = 0; i < count; i++)
            {
                yield return new Triple(terms[ts[i]], terms[tp[i]], terms[to[i]]);
            }
            yield break;
        }
        var (head, next) =
            s >= 0 ? (headS[s], nextS)
            : o >= 0 ? (headO[o], nextO)
            : (headP[p], nextP);
        for (var i = head - 1; i >= 0; i = next[i] - 1)
        {
            if ((s < 0 || ts[i] == s) && (p < 0 || tp[i] == p) && (o < 0 || to[i] == o))
            {
                yield return new Triple(terms[ts[i]], terms[tp[i]], terms[to[i]]);
            }
        }
    }

    /// <summary>Objects of the triples with this subject and predicate, appended to <paramref name="into"/>.</summary>
    public void Objects(Term subject, Term predicate, List<Term> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        if (!ids.TryGetValue(subject, out var s) || !ids.TryGetValue(predicate, out var p))
        {
            return;
        }
        for (var i = headS[s] - 1; i >= 0; i = nextS[i] - 1)
        {
            if (tp[i] == p)
            {
                into.Add(terms[to[i]]);
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
        if (!ids.TryGetValue(@object, out var o) || !ids.TryGetValue(predicate, out var p))
        {
            return;
        }
        for (var i = headO[o] - 1; i >= 0; i = nextO[i] - 1)
        {
            if (tp[i] == p)
            {
                into.Add(terms[ts[i]]);
            }
        }
    }

    public List<Term> Subjects(Term predicate, Term @object)
    {
        var list = new List<Term>();
        Subjects(predicate, @object, list);
        return list;
    }

    /// <summary>The first object of (subject, predicate), or null when there is none.</summary>
    public Term? Object(Term subject, Term predicate)
    {
        if (!ids.TryGetValue(subject, out var s) || !ids.TryGetValue(predicate, out var p))
        {
            return null;
        }
        for (var i = headS[s] - 1; i >= 0; i = nextS[i] - 1)
        {
            if (tp[i] == p)
            {
                return terms[to[i]];
            }
        }
        return null;
    }

    /// <summary>Triples with this subject (predicate, object pairs), appended to <paramref name="into"/>.</summary>
    public void Outgoing(Term subject, List<(Term Predicate, Term Object)> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        if (!ids.TryGetValue(subject, out var s))
        {
            return;
        }
        for (var i = headS[s] - 1; i >= 0; i = nextS[i] - 1)
        {
            into.Add((terms[tp[i]], terms[to[i]]));
        }
    }

    /// <summary>Distinct subjects of triples with this predicate.</summary>
    public IEnumerable<Term> SubjectsOf(Term predicate) => Distinct(predicate, ts);

    /// <summary>Distinct objects of triples with this predicate.</summary>
    public IEnumerable<Term> ObjectsOf(Term predicate) => Distinct(predicate, to);

    private List<Term> Distinct(Term predicate, int[] column)
    {
        var result = new List<Term>();
        if (!ids.TryGetValue(predicate, out var p))
        {
            return result;
        }
        var seen = new HashSet<int>();
        for (var i = headP[p] - 1; i >= 0; i = nextP[i] - 1)
        {
            if (seen.Add(column[i]))
            {
                result.Add(terms[column[i]]);
            }
        }
        return result;
    }

    /// <summary>
    /// Reads an RDF collection (rdf:first / rdf:rest) starting at <paramref name="head"/>; null when
    /// the structure is not a well-formed list.
    /// </summary>
    public List<Term>? ReadList(Term head)
    {
        ArgumentNullException.ThrowIfNull(head);
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
            if (id == headS.Length)
            {
                var size = id * 2;
                Array.Resize(ref headS, size);
                Array.Resize(ref tailS, size);
                Array.Resize(ref headP, size);
                Array.Resize(ref tailP, size);
                Array.Resize(ref headO, size);
                Array.Resize(ref tailO, size);
            }
        }
        return id;
    }

    // Stored as index + 1 so that the zeroed arrays mean "no triple".
    private static void Link(int[] head, int[] tail, int[] next, int key, int triple)
    {
        next[triple] = 0;
        if (head[key] == 0)
        {
            head[key] = triple + 1;
        }
        else
        {
            next[tail[key] - 1] = triple + 1;
        }
        tail[key] = triple + 1;
    }
}
