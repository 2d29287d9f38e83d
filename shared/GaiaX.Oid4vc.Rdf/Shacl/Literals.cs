using System.Globalization;
using System.Text.RegularExpressions;

namespace GaiaX.Oid4vc.Rdf.Shacl;

/// <summary>Lexical validity and value comparison of XSD literals, as SHACL needs them.</summary>
internal static partial class Literals
{
    private static readonly HashSet<string> IntegerTypes = new(StringComparer.Ordinal)
    {
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    };

    public static bool IsNumeric(string datatype) =>
        datatype.StartsWith(Vocab.Xsd.Ns, StringComparison.Ordinal)
        && (IntegerTypes.Contains(datatype[Vocab.Xsd.Ns.Length..]) || datatype is Vocab.Xsd.Decimal or Vocab.Xsd.Double or Vocab.Xsd.Float);

    /// <summary>Whether the literal's lexical form is valid for its datatype (unknown datatypes are accepted).</summary>
    public static bool IsWellFormed(Term literal)
    {
        var dt = literal.Datatype!;
        var v = literal.Value;
        if (!dt.StartsWith(Vocab.Xsd.Ns, StringComparison.Ordinal))
        {
            return dt != Vocab.Rdf.LangString || literal.Language is not null;
        }
        var local = dt[Vocab.Xsd.Ns.Length..];
        if (IntegerTypes.Contains(local))
        {
            if (
                !IntegerLexical().IsMatch(v)
                || !System.Numerics.BigInteger.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            )
            {
                return false;
            }
            return local switch
            {
                "int" => n >= int.MinValue && n <= int.MaxValue,
                "long" => n >= long.MinValue && n <= long.MaxValue,
                "short" => n >= short.MinValue && n <= short.MaxValue,
                "byte" => n >= sbyte.MinValue && n <= sbyte.MaxValue,
                "nonNegativeInteger" => n >= 0,
                "positiveInteger" => n > 0,
                "nonPositiveInteger" => n <= 0,
                "negativeInteger" => n < 0,
                "unsignedLong" => n >= 0 && n <= ulong.MaxValue,
                "unsignedInt" => n >= 0 && n <= uint.MaxValue,
                "unsignedShort" => n >= 0 && n <= ushort.MaxValue,
                "unsignedByte" => n >= 0 && n <= byte.MaxValue,
                _ => true,
            };
        }
        return local switch
        {
            "decimal" => DecimalLexical().IsMatch(v),
            "double" or "float" => v is "INF" or "-INF" or "+INF" or "NaN" || FloatLexical().IsMatch(v),
            "boolean" => v is "true" or "false" or "1" or "0",
            "date" => DateLexical().IsMatch(v)
                && DateTime.TryParseExact(v[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            "dateTime" => DateTimeLexical().IsMatch(v)
                && DateTime.TryParseExact(v[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            "time" => TimeLexical().IsMatch(v),
            _ => true,
        };
    }

    /// <summary>Compares two literals by value; null when they are not comparable.</summary>
    public static int? Compare(Term a, Term b)
    {
        if (!a.IsLiteral || !b.IsLiteral)
        {
            return null;
        }
        var da = a.Datatype!;
        var db = b.Datatype!;
        if (IsNumeric(da) && IsNumeric(db))
        {
            if (!IsWellFormed(a) || !IsWellFormed(b))
            {
                return null;
            }
            if (
                da is not (Vocab.Xsd.Double or Vocab.Xsd.Float)
                && db is not (Vocab.Xsd.Double or Vocab.Xsd.Float)
                && decimal.TryParse(a.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
                && decimal.TryParse(b.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var y)
            )
            {
                return x.CompareTo(y);
            }
            var p = ParseDouble(a.Value);
            var q = ParseDouble(b.Value);
            return double.IsNaN(p) || double.IsNaN(q) ? null : p.CompareTo(q);
        }
        if (da != db)
        {
            return null;
        }
        switch (da)
        {
            case Vocab.Xsd.String:
                return string.CompareOrdinal(a.Value, b.Value);
            case Vocab.Rdf.LangString:
                return a.Language == b.Language ? string.CompareOrdinal(a.Value, b.Value) : null;
            case Vocab.Xsd.Boolean:
                return a.Value == b.Value ? 0 : (a.Value is "true" or "1" ? 1 : -1);
            case Vocab.Xsd.Date or Vocab.Xsd.DateTime:
                if (!IsWellFormed(a) || !IsWellFormed(b))
                {
                    return null;
                }
                var ta = HasTimezone(a.Value);
                var tb = HasTimezone(b.Value);
                if (ta != tb)
                {
                    // XSD: a time with and one without a zone are only comparable outside ±14 h; be strict.
                    return null;
                }
                if (
                    DateTimeOffset.TryParse(a.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var ea)
                    && DateTimeOffset.TryParse(b.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var eb)
                )
                {
                    return ea.CompareTo(eb);
                }
                return null;
            default:
                return null;
        }
    }

    private static bool HasTimezone(string v) => v.EndsWith('Z') || (v.Length > 6 && v[^3] == ':' && v[^6] is '+' or '-');

    private static double ParseDouble(string v) =>
        v switch
        {
            "INF" or "+INF" => double.PositiveInfinity,
            "-INF" => double.NegativeInfinity,
            _ => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : double.NaN,
        };

    [GeneratedRegex(@"^[+-]?[0-9]+$")]
    private static partial Regex IntegerLexical();

    [GeneratedRegex(@"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$")]
    private static partial Regex DecimalLexical();

    [GeneratedRegex(@"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$")]
    private static partial Regex FloatLexical();

    [GeneratedRegex(@"^-?[0-9]{4,}-[0-9]{2}-[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})?$")]
    private static partial Regex DateLexical();

    [GeneratedRegex(@"^-?[0-9]{4,}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?$")]
    private static partial Regex DateTimeLexical();

    [GeneratedRegex(@"^[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?$")]
    private static partial Regex TimeLexical();
}
