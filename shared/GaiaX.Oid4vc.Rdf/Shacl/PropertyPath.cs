namespace GaiaX.Oid4vc.Rdf.Shacl;

/// <summary>A compiled SHACL property path (section 2.3.1).</summary>
public abstract class PropertyPath
{
    private protected PropertyPath()
    {
    }

    /// <summary>The nodes reached from <paramref name="focus"/>, distinct, appended to <paramref name="into"/>.</summary>
    internal abstract void Evaluate(Graph data, Term focus, List<Term> into);

    /// <summary>Writes the path into <paramref name="graph"/> in SHACL syntax and returns its node.</summary>
    public abstract Term ToRdf(Graph graph, Func<Term> newBlank);

    /// <summary>The path in SPARQL-like syntax, for messages and the JSON report.</summary>
    public abstract override string ToString();

    /// <summary>Reads a path written in SHACL syntax at <paramref name="node"/>.</summary>
    /// <exception cref="ShapesGraphException">The node is not a well-formed path.</exception>
    public static PropertyPath FromRdf(Graph graph, Term node)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(node);
        return Parse(graph, node);
    }

    internal static PropertyPath Parse(Graph shapes, Term node, int depth = 0)
    {
        if (depth > 64)
        {
            throw new ShapesGraphException("property path nested too deeply at " + node);
        }
        if (node.IsIri)
        {
            return new PredicatePath(node);
        }
        var list = shapes.ReadList(node);
        if (list is not null && !node.Equals(Terms.RdfNil) && shapes.Object(node, Terms.RdfFirst) is not null)
        {
            if (list.Count < 2)
            {
                throw new ShapesGraphException("a sequence path needs at least two members at " + node);
            }
            return new SequencePath(list.Select(n => Parse(shapes, n, depth + 1)).ToArray());
        }
        if (shapes.Object(node, Sh.AlternativePath) is { } alternatives)
        {
            var members = shapes.ReadList(alternatives) ?? throw new ShapesGraphException("sh:alternativePath needs a list at " + node);
            return new AlternativePath(members.Select(n => Parse(shapes, n, depth + 1)).ToArray());
        }
        if (shapes.Object(node, Sh.InversePath) is { } inverse)
        {
            return new InversePath(Parse(shapes, inverse, depth + 1));
        }
        if (shapes.Object(node, Sh.ZeroOrMorePath) is { } zeroOrMore)
        {
            return new RepeatPath(Parse(shapes, zeroOrMore, depth + 1), includeSelf: true, unbounded: true);
        }
        if (shapes.Object(node, Sh.OneOrMorePath) is { } oneOrMore)
        {
            return new RepeatPath(Parse(shapes, oneOrMore, depth + 1), includeSelf: false, unbounded: true);
        }
        if (shapes.Object(node, Sh.ZeroOrOnePath) is { } zeroOrOne)
        {
            return new RepeatPath(Parse(shapes, zeroOrOne, depth + 1), includeSelf: true, unbounded: false);
        }
        throw new ShapesGraphException("not a well-formed property path: " + node);
    }

    internal static void AddDistinct(List<Term> into, int from)
    {
        // Small result sets: a quadratic distinct pass beats allocating a set.
        var end = into.Count;
        var write = from;
        for (var i = from; i < end; i++)
        {
            var t = into[i];
            var dup = false;
            for (var j = from; j < write; j++)
            {
                if (into[j].Equals(t))
                {
                    dup = true;
                    break;
                }
            }
            if (!dup)
            {
                into[write++] = t;
            }
        }
        into.RemoveRange(write, end - write);
    }
}

/// <summary>A single predicate IRI.</summary>
public sealed class PredicatePath(Term predicate) : PropertyPath
{
    public Term Predicate { get; } = predicate;

    internal override void Evaluate(Graph data, Term focus, List<Term> into) => data.Objects(focus, Predicate, into);

    public override Term ToRdf(Graph graph, Func<Term> newBlank) => Predicate;

    public override string ToString() => "<" + Predicate.Value + ">";
}

internal sealed class InversePath(PropertyPath inner) : PropertyPath
{
    internal override void Evaluate(Graph data, Term focus, List<Term> into)
    {
        if (inner is PredicatePath p)
        {
            data.Subjects(p.Predicate, focus, into);
            return;
        }
        // Inverse of a complex path: every node whose forward path reaches the focus.
        var start = into.Count;
        var buffer = new List<Term>();
        foreach (var candidate in data.Triples.Select(t => t.Subject).Concat(data.Triples.Select(t => t.Object)).Distinct())
        {
            buffer.Clear();
            inner.Evaluate(data, candidate, buffer);
            if (buffer.Contains(focus))
            {
                into.Add(candidate);
            }
        }
        AddDistinct(into, start);
    }

    public override Term ToRdf(Graph graph, Func<Term> newBlank)
    {
        var node = newBlank();
        graph.Add(node, Sh.InversePath, inner.ToRdf(graph, newBlank));
        return node;
    }

    public override string ToString() => "^" + inner;
}

internal sealed class SequencePath(PropertyPath[] steps) : PropertyPath
{
    internal override void Evaluate(Graph data, Term focus, List<Term> into)
    {
        var current = new List<Term> { focus };
        var next = new List<Term>();
        foreach (var step in steps)
        {
            next.Clear();
            foreach (var node in current)
            {
                step.Evaluate(data, node, next);
            }
            AddDistinct(next, 0);
            (current, next) = (next, current);
        }
        var start = into.Count;
        into.AddRange(current);
        AddDistinct(into, start);
    }

    public override Term ToRdf(Graph graph, Func<Term> newBlank) => WriteList(graph, newBlank, steps);

    internal static Term WriteList(Graph graph, Func<Term> newBlank, PropertyPath[] members)
    {
        Term next = Terms.RdfNil;
        for (var i = members.Length - 1; i >= 0; i--)
        {
            var cell = newBlank();
            graph.Add(cell, Terms.RdfFirst, members[i].ToRdf(graph, newBlank));
            graph.Add(cell, Terms.RdfRest, next);
            next = cell;
        }
        return next;
    }

    public override string ToString() => string.Join("/", steps.Select(s => s.ToString()));
}

internal sealed class AlternativePath(PropertyPath[] alternatives) : PropertyPath
{
    internal override void Evaluate(Graph data, Term focus, List<Term> into)
    {
        var start = into.Count;
        foreach (var alternative in alternatives)
        {
            alternative.Evaluate(data, focus, into);
        }
        AddDistinct(into, start);
    }

    public override Term ToRdf(Graph graph, Func<Term> newBlank)
    {
        var node = newBlank();
        graph.Add(node, Sh.AlternativePath, SequencePath.WriteList(graph, newBlank, alternatives));
        return node;
    }

    public override string ToString() => "(" + string.Join("|", alternatives.Select(s => s.ToString())) + ")";
}

internal sealed class RepeatPath(PropertyPath inner, bool includeSelf, bool unbounded) : PropertyPath
{
    internal override void Evaluate(Graph data, Term focus, List<Term> into)
    {
        var seen = new HashSet<Term>();
        var result = new List<Term>();
        if (includeSelf)
        {
            seen.Add(focus);
            result.Add(focus);
        }
        var frontier = new List<Term> { focus };
        var next = new List<Term>();
        while (frontier.Count > 0)
        {
            next.Clear();
            foreach (var node in frontier)
            {
                inner.Evaluate(data, node, next);
            }
            var added = new List<Term>();
            foreach (var n in next)
            {
                if (seen.Add(n))
                {
                    result.Add(n);
                    added.Add(n);
                }
            }
            if (!unbounded)
            {
                break;
            }
            frontier = added;
        }
        var start = into.Count;
        into.AddRange(result);
        AddDistinct(into, start);
    }

    public override Term ToRdf(Graph graph, Func<Term> newBlank)
    {
        var node = newBlank();
        var predicate = unbounded ? (includeSelf ? Sh.ZeroOrMorePath : Sh.OneOrMorePath) : Sh.ZeroOrOnePath;
        graph.Add(node, predicate, inner.ToRdf(graph, newBlank));
        return node;
    }

    public override string ToString() => inner + (unbounded ? (includeSelf ? "*" : "+") : "?");
}
