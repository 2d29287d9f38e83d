using System.Globalization;
using System.Text.RegularExpressions;

namespace GaiaX.Oid4vc.Rdf.Shacl;

/// <summary>
/// A SHACL shapes graph compiled once into evaluable shapes. Immutable after <see cref="Compile"/>,
/// so one instance serves any number of concurrent validations.
/// </summary>
public sealed class ShapesGraph
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(200);
    private readonly Dictionary<Term, Shape> shapes = new();
    private readonly Dictionary<Term, List<Shape>> byTargetClass = new();
    private readonly List<(Shape Shape, Term Node)> byTargetNode = new();
    private readonly List<(Shape Shape, Term Predicate)> bySubjectsOf = new();
    private readonly List<(Shape Shape, Term Predicate)> byObjectsOf = new();
    private readonly Graph source;

    private ShapesGraph(Graph source, ClassHierarchy hierarchy)
    {
        this.source = source;
        Hierarchy = hierarchy;
    }

    /// <summary>
    /// The class hierarchy known in advance (e.g. the Gaia-X ontology's <c>rdfs:subClassOf</c> triples);
    /// each data graph's own subClassOf triples are added to it during validation.
    /// </summary>
    public ClassHierarchy Hierarchy { get; }

    /// <summary>The number of shapes with at least one target.</summary>
    public int TargetedShapeCount { get; private set; }

    /// <summary>The number of compiled shapes (node and property shapes).</summary>
    public int ShapeCount => shapes.Count;

    /// <summary>
    /// Compiles a shapes graph. <paramref name="classHierarchy"/> (optional) holds <c>rdfs:subClassOf</c>
    /// facts that every data graph is assumed to include, such as an ontology's class tree.
    /// </summary>
    /// <exception cref="ShapesGraphException">The shapes graph is not well-formed.</exception>
    public static ShapesGraph Compile(Graph shapesGraph, ClassHierarchy? classHierarchy = null)
    {
        ArgumentNullException.ThrowIfNull(shapesGraph);
        var compiled = new ShapesGraph(shapesGraph, classHierarchy ?? ClassHierarchy.Empty);
        compiled.CompileAll();
        return compiled;
    }

    /// <summary>Validates a data graph against every targeted shape.</summary>
    public ValidationReport Validate(Graph dataGraph) => Validate(dataGraph, null);

    /// <summary>Validates a data graph against every targeted shape, with options.</summary>
    public ValidationReport Validate(Graph dataGraph, ShaclValidationOptions? options)
    {
        ArgumentNullException.ThrowIfNull(dataGraph);
        var known = options?.ClassHierarchy ?? Hierarchy;
        var hierarchy = options?.IgnoreDataGraphClassHierarchy == true ? known : known.ExtendedWith(dataGraph);
        var ctx = new ValidationContext(dataGraph, hierarchy);
        var results = new List<ValidationResult>();
        var done = new HashSet<(Shape, Term)>();
        void Run(Shape shape, Term focus)
        {
            if (!shape.Deactivated && done.Add((shape, focus)))
            {
                ctx.CurrentTargetShape = shape.Id;
                shape.Validate(ctx, focus, results);
            }
        }
        foreach (var (shape, node) in byTargetNode)
        {
            Run(shape, node);
        }
        if (byTargetClass.Count > 0)
        {
            foreach (var t in dataGraph.Match(null, Terms.RdfType, null))
            {
                if (byTargetClass.TryGetValue(t.Object, out var direct))
                {
                    foreach (var s in direct)
                    {
                        Run(s, t.Subject);
                    }
                }
                foreach (var super in ctx.Hierarchy.SuperClassesOf(t.Object))
                {
                    if (byTargetClass.TryGetValue(super, out var inherited))
                    {
                        foreach (var s in inherited)
                        {
                            Run(s, t.Subject);
                        }
                    }
                }
            }
        }
        foreach (var (shape, p) in bySubjectsOf)
        {
            foreach (var s in dataGraph.SubjectsOf(p))
            {
                Run(shape, s);
            }
        }
        foreach (var (shape, p) in byObjectsOf)
        {
            foreach (var o in dataGraph.ObjectsOf(p))
            {
                Run(shape, o);
            }
        }
        return new ValidationReport(results);
    }

    private void CompileAll()
    {
        var roots = new HashSet<Term>();
        foreach (var predicate in new[] { Sh.TargetClass, Sh.TargetNode, Sh.TargetSubjectsOf, Sh.TargetObjectsOf })
        {
            foreach (var s in source.SubjectsOf(predicate))
            {
                roots.Add(s);
            }
        }
        foreach (var type in new[] { Sh.NodeShape, Sh.PropertyShape })
        {
            foreach (var s in source.Subjects(Terms.RdfType, type))
            {
                roots.Add(s);
            }
        }
        foreach (var node in roots)
        {
            var shape = GetShape(node);
            var targeted = false;
            foreach (var c in source.Objects(node, Sh.TargetClass))
            {
                AddClassTarget(c, shape);
                targeted = true;
            }
            // Implicit class target: a shape that is also an rdfs:Class.
            if (source.Contains(node, Terms.RdfType, Terms.RdfsClass) && !node.IsLiteral)
            {
                AddClassTarget(node, shape);
                targeted = true;
            }
            foreach (var n in source.Objects(node, Sh.TargetNode))
            {
                byTargetNode.Add((shape, n));
                targeted = true;
            }
            foreach (var p in source.Objects(node, Sh.TargetSubjectsOf))
            {
                bySubjectsOf.Add((shape, p));
                targeted = true;
            }
            foreach (var p in source.Objects(node, Sh.TargetObjectsOf))
            {
                byObjectsOf.Add((shape, p));
                targeted = true;
            }
            if (targeted)
            {
                TargetedShapeCount++;
            }
        }
    }

    private void AddClassTarget(Term cls, Shape shape)
    {
        if (!byTargetClass.TryGetValue(cls, out var list))
        {
            list = new List<Shape>(1);
            byTargetClass.Add(cls, list);
        }
        if (!list.Contains(shape))
        {
            list.Add(shape);
        }
    }

    private Shape GetShape(Term node)
    {
        if (shapes.TryGetValue(node, out var existing))
        {
            return existing;
        }
        var shape = new Shape(node);
        // Registered before its constraints are compiled, so recursive references resolve to it.
        shapes.Add(node, shape);
        if (source.Object(node, Sh.Path) is { } path)
        {
            shape.Path = PropertyPath.Parse(source, path);
        }
        if (source.Object(node, Sh.Severity) is { } severity)
        {
            shape.SeverityIri = severity;
        }
        shape.Messages = source.Objects(node, Sh.Message).ToArray();
        shape.Deactivated = source.Object(node, Sh.Deactivated) is { } d && d.Equals(Terms.True);
        shape.Constraints = CompileConstraints(node, shape).ToArray();
        return shape;
    }

    private List<Constraint> CompileConstraints(Term node, Shape shape)
    {
        var list = new List<Constraint>();
        var outgoing = new List<(Term Predicate, Term Object)>();
        source.Outgoing(node, outgoing);
        foreach (var (p, o) in outgoing)
        {
            if (!p.Value.StartsWith(Sh.Ns, StringComparison.Ordinal))
            {
                continue;
            }
            switch (p.Value.AsSpan(Sh.Ns.Length))
            {
                case "class":
                    list.Add(new ClassConstraint(o));
                    break;
                case "datatype":
                    list.Add(new DatatypeConstraint(RequireIri(node, p, o)));
                    break;
                case "nodeKind":
                    list.Add(new NodeKindConstraint(RequireIri(node, p, o)));
                    break;
                case "minCount":
                    if (shape.IsPropertyShape)
                    {
                        list.Add(new CountConstraint(true, RequireInt(node, p, o)));
                    }
                    break;
                case "maxCount":
                    if (shape.IsPropertyShape)
                    {
                        list.Add(new CountConstraint(false, RequireInt(node, p, o)));
                    }
                    break;
                case "minExclusive":
                    list.Add(new RangeConstraint(RangeKind.MinExclusive, o));
                    break;
                case "minInclusive":
                    list.Add(new RangeConstraint(RangeKind.MinInclusive, o));
                    break;
                case "maxExclusive":
                    list.Add(new RangeConstraint(RangeKind.MaxExclusive, o));
                    break;
                case "maxInclusive":
                    list.Add(new RangeConstraint(RangeKind.MaxInclusive, o));
                    break;
                case "minLength":
                    list.Add(new LengthConstraint(true, RequireInt(node, p, o)));
                    break;
                case "maxLength":
                    list.Add(new LengthConstraint(false, RequireInt(node, p, o)));
                    break;
                case "pattern":
                    var flags = source.Object(node, Sh.Flags)?.Value ?? "";
                    list.Add(new PatternConstraint(CompileRegex(o.Value, flags), o.Value));
                    break;
                case "languageIn":
                    list.Add(new LanguageInConstraint(RequireList(node, p, o).Select(t => t.Value).ToArray()));
                    break;
                case "uniqueLang":
                    if (shape.IsPropertyShape && o.Equals(Terms.True))
                    {
                        list.Add(new UniqueLangConstraint());
                    }
                    break;
                case "equals":
                    list.Add(new PropertyPairConstraint(PairKind.EqualsP, RequireIri(node, p, o)));
                    break;
                case "disjoint":
                    list.Add(new PropertyPairConstraint(PairKind.Disjoint, RequireIri(node, p, o)));
                    break;
                case "lessThan":
                    if (shape.IsPropertyShape)
                    {
                        list.Add(new PropertyPairConstraint(PairKind.LessThan, RequireIri(node, p, o)));
                    }
                    break;
                case "lessThanOrEquals":
                    if (shape.IsPropertyShape)
                    {
                        list.Add(new PropertyPairConstraint(PairKind.LessThanOrEquals, RequireIri(node, p, o)));
                    }
                    break;
                case "not":
                    list.Add(new NotConstraint(GetShape(o)));
                    break;
                case "and":
                    list.Add(new AndConstraint(RequireList(node, p, o).Select(GetShape).ToArray()));
                    break;
                case "or":
                    list.Add(new OrConstraint(RequireList(node, p, o).Select(GetShape).ToArray()));
                    break;
                case "xone":
                    list.Add(new XoneConstraint(RequireList(node, p, o).Select(GetShape).ToArray()));
                    break;
                case "node":
                    list.Add(new NodeConstraint(GetShape(o)));
                    break;
                case "property":
                    list.Add(new PropertyConstraint(GetShape(o)));
                    break;
                case "qualifiedValueShape":
                    if (shape.IsPropertyShape)
                    {
                        AddQualified(node, o, list);
                    }
                    break;
                case "closed":
                    if (o.Equals(Terms.True))
                    {
                        list.Add(new ClosedConstraint(ClosedAllowed(node)));
                    }
                    break;
                case "hasValue":
                    list.Add(new HasValueConstraint(o));
                    break;
                case "in":
                    list.Add(new InConstraint(RequireList(node, p, o).ToArray()));
                    break;
            }
        }
        // Cheap checks first: counts and node kinds fail fast before shape-based ones run.
        list.Sort((a, b) => Cost(a).CompareTo(Cost(b)));
        return list;
    }

    private static int Cost(Constraint c) =>
        c switch
        {
            CountConstraint or NodeKindConstraint or DatatypeConstraint or InConstraint or HasValueConstraint => 0,
            ClassConstraint or LengthConstraint or RangeConstraint or LanguageInConstraint or PatternConstraint => 1,
            PropertyConstraint => 3,
            _ => 2,
        };

    private void AddQualified(Term node, Term qvsNode, List<Constraint> list)
    {
        var qvs = GetShape(qvsNode);
        int? min = source.Object(node, Sh.QualifiedMinCount) is { } mn ? RequireInt(node, Sh.QualifiedMinCount, mn) : null;
        int? max = source.Object(node, Sh.QualifiedMaxCount) is { } mx ? RequireInt(node, Sh.QualifiedMaxCount, mx) : null;
        var siblings = Array.Empty<Shape>();
        if (source.Object(node, Sh.QualifiedValueShapesDisjoint) is { } d && d.Equals(Terms.True))
        {
            var set = new HashSet<Term>();
            foreach (var parent in source.Subjects(Sh.Property, node))
            {
                foreach (var sibling in source.Objects(parent, Sh.Property))
                {
                    foreach (var q in source.Objects(sibling, Sh.QualifiedValueShape))
                    {
                        if (!q.Equals(qvsNode))
                        {
                            set.Add(q);
                        }
                    }
                }
            }
            siblings = set.Select(GetShape).ToArray();
        }
        if (min is not null)
        {
            list.Add(new QualifiedConstraint(qvs, min, null, siblings));
        }
        if (max is not null)
        {
            list.Add(new QualifiedConstraint(qvs, null, max, siblings));
        }
    }

    private HashSet<Term> ClosedAllowed(Term node)
    {
        var allowed = new HashSet<Term>();
        foreach (var property in source.Objects(node, Sh.Property))
        {
            if (source.Object(property, Sh.Path) is { IsIri: true } path)
            {
                allowed.Add(path);
            }
        }
        if (source.Object(node, Sh.IgnoredProperties) is { } ignored)
        {
            foreach (var t in RequireList(node, Sh.IgnoredProperties, ignored))
            {
                allowed.Add(t);
            }
        }
        return allowed;
    }

    private static Regex CompileRegex(string pattern, string flags)
    {
        var options = RegexOptions.CultureInvariant;
        foreach (var f in flags)
        {
            options |= f switch
            {
                'i' => RegexOptions.IgnoreCase,
                'm' => RegexOptions.Multiline,
                's' => RegexOptions.Singleline,
                'x' => RegexOptions.IgnorePatternWhitespace,
                'q' => RegexOptions.None,
                _ => throw new ShapesGraphException($"unsupported sh:flags value '{f}'"),
            };
        }
        if (flags.Contains('q', StringComparison.Ordinal))
        {
            pattern = Regex.Escape(pattern);
        }
        try
        {
            return new Regex(pattern, options, RegexTimeout);
        }
        catch (ArgumentException e)
        {
            throw new ShapesGraphException($"invalid sh:pattern \"{pattern}\": {e.Message}", e);
        }
    }

    private static Term RequireIri(Term node, Term p, Term o) =>
        o.IsIri ? o : throw new ShapesGraphException($"{p} of {node} must be an IRI, found {o}");

    private static int RequireInt(Term node, Term p, Term o) =>
        o.IsLiteral && int.TryParse(o.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0
            ? n
            : throw new ShapesGraphException($"{p} of {node} must be a non-negative integer, found {o}");

    private List<Term> RequireList(Term node, Term p, Term o) =>
        source.ReadList(o) ?? throw new ShapesGraphException($"{p} of {node} must be a well-formed RDF list");
}
