using System.Text.RegularExpressions;

namespace GaiaX.Oid4vc.Rdf.Shacl;

/// <summary>A compiled constraint component instance. Immutable; evaluation state lives in <see cref="ValidationContext"/>.</summary>
internal abstract class Constraint
{
    protected Constraint(string component)
    {
        Component = Sh.Component(component);
    }

    public Term Component { get; }

    /// <summary>Returns true when no result was produced.</summary>
    public abstract bool Validate(ValidationContext ctx, Shape shape, Term focus, List<Term> values, List<ValidationResult>? results);

    /// <summary>Our message for a result of this constraint (the 25.11 shapes carry no sh:message).</summary>
    public abstract string Describe(Term? value);

    protected static string Show(Term? t) => t is null ? "" : ValidationReport.Readable(t);
}

/// <summary>Constraints tested value node by value node.</summary>
internal abstract class ValueConstraint(string component) : Constraint(component)
{
    public sealed override bool Validate(ValidationContext ctx, Shape shape, Term focus, List<Term> values, List<ValidationResult>? results)
    {
        var ok = true;
        foreach (var v in values)
        {
            if (!Accepts(ctx, v))
            {
                ok = false;
                if (results is null)
                {
                    return false;
                }
                results.Add(shape.Result(ctx, this, focus, v));
            }
        }
        return ok;
    }

    protected abstract bool Accepts(ValidationContext ctx, Term value);
}

internal sealed class ClassConstraint(Term cls) : ValueConstraint("Class")
{
    protected override bool Accepts(ValidationContext ctx, Term value) => !value.IsLiteral && ctx.IsInstanceOf(value, cls);

    public override string Describe(Term? value) => $"Value {Show(value)} is not an instance of {Show(cls)}";
}

internal sealed class DatatypeConstraint(Term datatype) : ValueConstraint("Datatype")
{
    protected override bool Accepts(ValidationContext ctx, Term value) =>
        value.IsLiteral && value.Datatype == datatype.Value && Literals.IsWellFormed(value);

    public override string Describe(Term? value) => $"Value {Show(value)} is not a valid literal of datatype {Show(datatype)}";
}

internal sealed class NodeKindConstraint(Term kind) : ValueConstraint("NodeKind")
{
    private readonly bool iri = kind.Equals(Sh.Iri) || kind.Equals(Sh.BlankNodeOrIri) || kind.Equals(Sh.IriOrLiteral);
    private readonly bool blank = kind.Equals(Sh.BlankNode) || kind.Equals(Sh.BlankNodeOrIri) || kind.Equals(Sh.BlankNodeOrLiteral);
    private readonly bool literal = kind.Equals(Sh.Literal) || kind.Equals(Sh.BlankNodeOrLiteral) || kind.Equals(Sh.IriOrLiteral);

    protected override bool Accepts(ValidationContext ctx, Term value) =>
        value.Kind switch
        {
            TermKind.Iri => iri,
            TermKind.BlankNode => blank,
            _ => literal,
        };

    public override string Describe(Term? value) => $"Value {Show(value)} does not have node kind {Show(kind)}";
}

internal enum RangeKind
{
    MinExclusive,
    MinInclusive,
    MaxExclusive,
    MaxInclusive,
}

internal sealed class RangeConstraint(RangeKind kind, Term bound) : ValueConstraint(kind.ToString())
{
    protected override bool Accepts(ValidationContext ctx, Term value)
    {
        var c = Literals.Compare(value, bound);
        return c is { } r
            && kind switch
            {
                RangeKind.MinExclusive => r > 0,
                RangeKind.MinInclusive => r >= 0,
                RangeKind.MaxExclusive => r < 0,
                _ => r <= 0,
            };
    }

    public override string Describe(Term? value)
    {
        var op = kind switch
        {
            RangeKind.MinExclusive => ">",
            RangeKind.MinInclusive => ">=",
            RangeKind.MaxExclusive => "<",
            _ => "<=",
        };
        return $"Value {Show(value)} is not {op} {Show(bound)}";
    }
}

internal sealed class LengthConstraint(bool min, int limit) : ValueConstraint(min ? "MinLength" : "MaxLength")
{
    protected override bool Accepts(ValidationContext ctx, Term value)
    {
        if (value.IsBlankNode)
        {
            return false;
        }
        // Length in characters (code points), as XPath string-length counts them.
        var length = value.Value.Length;
        foreach (var ch in value.Value)
        {
            if (char.IsLowSurrogate(ch))
            {
                length--;
            }
        }
        return min ? length >= limit : length <= limit;
    }

    public override string Describe(Term? value) => $"Value {Show(value)} has {(min ? "fewer" : "more")} than {limit} characters";
}

internal sealed class PatternConstraint(Regex regex, string pattern) : ValueConstraint("Pattern")
{
    protected override bool Accepts(ValidationContext ctx, Term value)
    {
        if (value.IsBlankNode)
        {
            return false;
        }
        try
        {
            return regex.IsMatch(value.Value);
        }
        catch (RegexMatchTimeoutException)
        {
            // A value that makes the pattern run away is not accepted (and cannot stall the validator).
            return false;
        }
    }

    public override string Describe(Term? value) => $"Value {Show(value)} does not match the pattern \"{pattern}\"";
}

internal sealed class LanguageInConstraint(string[] ranges) : ValueConstraint("LanguageIn")
{
    protected override bool Accepts(ValidationContext ctx, Term value)
    {
        if (value.Language is not { } lang)
        {
            return false;
        }
        foreach (var range in ranges)
        {
            // SPARQL langMatches with basic filtering (RFC 4647 §3.3.1).
            if (
                range == "*"
                || string.Equals(lang, range, StringComparison.OrdinalIgnoreCase)
                || (lang.Length > range.Length && lang[range.Length] == '-' && lang.StartsWith(range, StringComparison.OrdinalIgnoreCase))
            )
            {
                return true;
            }
        }
        return false;
    }

    public override string Describe(Term? value) => $"Language of {Show(value)} is not one of {string.Join(", ", ranges)}";
}

internal sealed class NotConstraint(Shape shape) : ValueConstraint("Not")
{
    protected override bool Accepts(ValidationContext ctx, Term value) => !shape.Conforms(ctx, value);

    public override string Describe(Term? value) => $"Value {Show(value)} conforms to the shape {Show(shape.Id)} it must not conform to";
}

internal sealed class AndConstraint(Shape[] shapes) : ValueConstraint("And")
{
    protected override bool Accepts(ValidationContext ctx, Term value)
    {
        foreach (var s in shapes)
        {
            if (!s.Conforms(ctx, value))
            {
                return false;
            }
        }
        return true;
    }

    public override string Describe(Term? value) => $"Value {Show(value)} does not conform to all of the shapes in sh:and";
}

internal sealed class OrConstraint(Shape[] shapes) : ValueConstraint("Or")
{
    protected override bool Accepts(ValidationContext ctx, Term value)
    {
        foreach (var s in shapes)
        {
            if (s.Conforms(ctx, value))
            {
                return true;
            }
        }
        return false;
    }

    public override string Describe(Term? value) => $"Value {Show(value)} does not conform to any of the shapes in sh:or";
}

internal sealed class XoneConstraint(Shape[] shapes) : ValueConstraint("Xone")
{
    protected override bool Accepts(ValidationContext ctx, Term value)
    {
        var count = 0;
        foreach (var s in shapes)
        {
            if (s.Conforms(ctx, value) && ++count > 1)
            {
                return false;
            }
        }
        return count == 1;
    }

    public override string Describe(Term? value) => $"Value {Show(value)} does not conform to exactly one of the shapes in sh:xone";
}

internal sealed class NodeConstraint(Shape shape) : ValueConstraint("Node")
{
    protected override bool Accepts(ValidationContext ctx, Term value) => shape.Conforms(ctx, value);

    public override string Describe(Term? value) => $"Value {Show(value)} does not conform to the shape {Show(shape.Id)}";
}

internal sealed class HasValueConstraint(Term expected) : Constraint("HasValue")
{
    public override bool Validate(ValidationContext ctx, Shape shape, Term focus, List<Term> values, List<ValidationResult>? results)
    {
        if (values.Contains(expected))
        {
            return true;
        }
        results?.Add(shape.Result(ctx, this, focus, null));
        return false;
    }

    public override string Describe(Term? value) => $"Missing expected value {Show(expected)}";
}

internal sealed class InConstraint(Term[] members) : ValueConstraint("In")
{
    private readonly HashSet<Term> set = [.. members];

    protected override bool Accepts(ValidationContext ctx, Term value) => set.Contains(value);

    public override string Describe(Term? value) =>
        members.Length <= 12
            ? $"Value {Show(value)} is not one of {string.Join(", ", members.Select(Show))}"
            : $"Value {Show(value)} is not in the list of {members.Length} allowed values";
}

internal sealed class CountConstraint(bool min, int limit) : Constraint(min ? "MinCount" : "MaxCount")
{
    public override bool Validate(ValidationContext ctx, Shape shape, Term focus, List<Term> values, List<ValidationResult>? results)
    {
        if (min ? values.Count >= limit : values.Count <= limit)
        {
            return true;
        }
        results?.Add(shape.Result(ctx, this, focus, null));
        return false;
    }

    public override string Describe(Term? value) => min ? $"Fewer than {limit} values" : $"More than {limit} values";
}

internal sealed class UniqueLangConstraint() : Constraint("UniqueLang")
{
    public override bool Validate(ValidationContext ctx, Shape shape, Term focus, List<Term> values, List<ValidationResult>? results)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var reported = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var ok = true;
        foreach (var v in values)
        {
            if (v.Language is { } lang && !seen.Add(lang) && reported.Add(lang))
            {
                ok = false;
                if (results is null)
                {
                    return false;
                }
                results.Add(shape.Result(ctx, this, focus, null));
            }
        }
        return ok;
    }

    public override string Describe(Term? value) => "More than one value shares a language tag";
}

internal enum PairKind
{
    EqualsP,
    Disjoint,
    LessThan,
    LessThanOrEquals,
}

internal sealed class PropertyPairConstraint(PairKind kind, Term predicate)
    : Constraint(kind == PairKind.EqualsP ? "Equals" : kind.ToString())
{
    public override bool Validate(ValidationContext ctx, Shape shape, Term focus, List<Term> values, List<ValidationResult>? results)
    {
        var others = ctx.Rent();
        ctx.Data.Objects(focus, predicate, others);
        var ok = true;
        void Fail(Term v)
        {
            ok = false;
            results?.Add(shape.Result(ctx, this, focus, v));
        }
        switch (kind)
        {
            case PairKind.EqualsP:
                foreach (var v in values)
                {
                    if (!others.Contains(v))
                    {
                        Fail(v);
                    }
                }
                foreach (var o in others)
                {
                    if (!values.Contains(o))
                    {
                        Fail(o);
                    }
                }
                break;
            case PairKind.Disjoint:
                foreach (var v in values)
                {
                    if (others.Contains(v))
                    {
                        Fail(v);
                    }
                }
                break;
            default:
                foreach (var v in values)
                {
                    foreach (var o in others)
                    {
                        var c = Literals.Compare(v, o);
                        if (c is null || (kind == PairKind.LessThan ? c >= 0 : c > 0))
                        {
                            Fail(v);
                        }
                    }
                }
                break;
        }
        ctx.Return(others);
        return ok;
    }

    public override string Describe(Term? value) =>
        kind switch
        {
            PairKind.EqualsP => $"Value {Show(value)} is not shared with {Show(predicate)}",
            PairKind.Disjoint => $"Value {Show(value)} is also a value of {Show(predicate)}",
            PairKind.LessThan => $"Value {Show(value)} is not less than the values of {Show(predicate)}",
            _ => $"Value {Show(value)} is not less than or equal to the values of {Show(predicate)}",
        };
}

/// <summary>sh:property: the property shape is validated with each value node as focus; its results are reported as they are.</summary>
internal sealed class PropertyConstraint(Shape property) : Constraint("Property")
{
    public Shape Property { get; } = property;

    public override bool Validate(ValidationContext ctx, Shape shape, Term focus, List<Term> values, List<ValidationResult>? results)
    {
        var ok = true;
        foreach (var v in values)
        {
            if (!Property.Validate(ctx, v, results))
            {
                ok = false;
                if (results is null)
                {
                    return false;
                }
            }
        }
        return ok;
    }

    public override string Describe(Term? value) => "";
}

internal sealed class QualifiedConstraint(Shape qualified, int? min, int? max, Shape[] siblings)
    : Constraint(min is not null ? "QualifiedMinCount" : "QualifiedMaxCount")
{
    public override bool Validate(ValidationContext ctx, Shape shape, Term focus, List<Term> values, List<ValidationResult>? results)
    {
        var count = 0;
        foreach (var v in values)
        {
            if (qualified.Conforms(ctx, v) && !siblings.Any(s => s.Conforms(ctx, v)))
            {
                count++;
            }
        }
        if (min is { } lo && count < lo)
        {
            results?.Add(shape.Result(ctx, this, focus, null));
            return false;
        }
        if (max is { } hi && count > hi)
        {
            results?.Add(shape.Result(ctx, this, focus, null));
            return false;
        }
        return true;
    }

    public override string Describe(Term? value) =>
        min is not null
            ? $"Fewer than {min} values conform to the qualified value shape {Show(qualified.Id)}"
            : $"More than {max} values conform to the qualified value shape {Show(qualified.Id)}";
}

internal sealed class ClosedConstraint(HashSet<Term> allowed) : Constraint("Closed")
{
    public override bool Validate(ValidationContext ctx, Shape shape, Term focus, List<Term> values, List<ValidationResult>? results)
    {
        var ok = true;
        var outgoing = new List<(Term Predicate, Term Object)>();
        foreach (var v in values)
        {
            outgoing.Clear();
            ctx.Data.Outgoing(v, outgoing);
            foreach (var (p, o) in outgoing)
            {
                if (!allowed.Contains(p))
                {
                    ok = false;
                    if (results is null)
                    {
                        return false;
                    }
                    var r = shape.Result(ctx, this, focus, o, new PredicatePath(p));
                    results.Add(
                        r with
                        {
                            Messages =
                                shape.Messages.Length > 0
                                    ? shape.Messages
                                    : [Term.Literal($"Property {Show(p)} is not allowed by the closed shape {Show(shape.Id)}")],
                        }
                    );
                }
            }
        }
        return ok;
    }

    public override string Describe(Term? value) => "Property not allowed by the closed shape";
}
