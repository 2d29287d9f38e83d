namespace GaiaX.Oid4vc.Rdf.Shacl;

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
