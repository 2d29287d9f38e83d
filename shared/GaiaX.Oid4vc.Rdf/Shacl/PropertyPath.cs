namespace GaiaX.Oid4vc.Rdf.Shacl;

/// <summary>A compiled SHACL property path (section 2.3.1).</summary>
public abstract class PropertyPath
{
    private protected PropertyPath() { }

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
