namespace GaiaX.Oid4vc.Rdf.Shacl;

/// <summary>A compiled shape: its path, severity, messages and constraints. Immutable after compilation.</summary>
internal sealed class Shape
{
    public Shape(Term id)
    {
        Id = id;
    }

    public Term Id { get; }

    public PropertyPath? Path { get; set; }

    public Term SeverityIri { get; set; } = Sh.Violation;

    public Term[] Messages { get; set; } = [];

    public bool Deactivated { get; set; }

    public Constraint[] Constraints { get; set; } = [];

    public bool IsPropertyShape => Path is not null;

    /// <summary>Validates <paramref name="focus"/>; adds results when <paramref name="results"/> is given, else stops at the first
    /// failure.</summary>
    public bool Validate(ValidationContext ctx, Term focus, List<ValidationResult>? results)
    {
        if (Deactivated)
        {
            return true;
        }
        if (!ctx.Enter(this, focus))
        {
            // A recursive shape reference: SHACL leaves it undefined; we treat the node as conforming.
            return true;
        }
        try
        {
            List<Term> values;
            if (Path is null)
            {
                values = ctx.Rent();
                values.Add(focus);
            }
            else
            {
                values = ctx.Rent();
                Path.Evaluate(ctx.Data, focus, values);
            }
            var ok = true;
            foreach (var c in Constraints)
            {
                if (!c.Validate(ctx, this, focus, values, results))
                {
                    ok = false;
                    if (results is null)
                    {
                        break;
                    }
                }
            }
            ctx.Return(values);
            return ok;
        }
        finally
        {
            ctx.Leave(this, focus);
        }
    }

    public bool Conforms(ValidationContext ctx, Term node) => Validate(ctx, node, null);

    public ValidationResult Result(ValidationContext ctx, Constraint constraint, Term focus, Term? value, PropertyPath? path = null) =>
        new()
        {
            TargetShape = ctx.CurrentTargetShape ?? Id,
            FocusNode = focus,
            Path = path ?? Path,
            Value = value,
            SourceConstraintComponent = constraint.Component,
            SourceShape = Id,
            SeverityIri = SeverityIri,
            Messages = Messages.Length > 0 ? Messages : [Term.Literal(constraint.Describe(value))],
        };

    public override string ToString() => Id.ToString();
}

/// <summary>Per-validation state: the data graph, the class hierarchy, the recursion guard and list pool.</summary>
internal sealed class ValidationContext
{
    private readonly HashSet<(Shape, Term)> active = new();
    private readonly Stack<List<Term>> pool = new();

    public ValidationContext(Graph data, ClassHierarchy hierarchy)
    {
        Data = data;
        Hierarchy = hierarchy;
    }

    public Graph Data { get; }

    /// <summary>The targeted shape whose validation is running (results name it besides their source shape).</summary>
    public Term? CurrentTargetShape { get; set; }

    public ClassHierarchy Hierarchy { get; }

    public bool Enter(Shape shape, Term focus) => active.Add((shape, focus));

    public void Leave(Shape shape, Term focus) => active.Remove((shape, focus));

    public List<Term> Rent() => pool.Count > 0 ? pool.Pop() : new List<Term>(4);

    public void Return(List<Term> list)
    {
        list.Clear();
        pool.Push(list);
    }

    /// <summary>SHACL instance: the node has an rdf:type that is the class or one of its subclasses.</summary>
    public bool IsInstanceOf(Term node, Term cls)
    {
        var types = Rent();
        Data.Objects(node, Terms.RdfType, types);
        var found = false;
        foreach (var t in types)
        {
            if (Hierarchy.IsSubClassOrSame(t, cls))
            {
                found = true;
                break;
            }
        }
        Return(types);
        return found;
    }
}
