using System.Text;

namespace GaiaX.Oid4vc.Rdf;

/// <summary>
/// An immutable RDF term (IRI, blank node or literal) with value equality. The hash is computed
/// once so terms are cheap dictionary keys; graphs intern them to integer ids.
/// </summary>
public sealed class Term : IEquatable<Term>
{
    private readonly int hash;

    private Term(TermKind kind, string value, string? datatype, string? language)
    {
        Kind = kind;
        Value = value;
        Datatype = datatype;
        Language = language;
        hash = HashCode.Combine(kind, value, datatype, language);
    }

    public TermKind Kind { get; }

    /// <summary>The IRI, the blank node label (without <c>_:</c>) or the literal's lexical form.</summary>
    public string Value { get; }

    /// <summary>The datatype IRI of a literal (<c>rdf:langString</c> when it has a language); null otherwise.</summary>
    public string? Datatype { get; }

    /// <summary>The language tag of a literal, lower-cased; null when none.</summary>
    public string? Language { get; }

    public bool IsIri => Kind == TermKind.Iri;

    public bool IsBlankNode => Kind == TermKind.BlankNode;

    public bool IsLiteral => Kind == TermKind.Literal;

    public static Term Iri(string iri)
    {
        ArgumentNullException.ThrowIfNull(iri);
        return new Term(TermKind.Iri, iri, null, null);
    }

    public static Term Blank(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        return new Term(TermKind.BlankNode, label, null, null);
    }

    /// <summary>A literal; with a language its datatype is <c>rdf:langString</c>, otherwise <paramref name="datatype"/> or
    /// <c>xsd:string</c>.</summary>
    public static Term Literal(string lexical, string? datatype = null, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(lexical);
        if (!string.IsNullOrEmpty(language))
        {
            // Language tags are case-insensitive (BCP 47); one spelling keeps equality exact.
            return new Term(TermKind.Literal, lexical, Vocab.Rdf.LangString, language.ToLowerInvariant());
        }
        return new Term(TermKind.Literal, lexical, datatype ?? Vocab.Xsd.String, null);
    }

    public static Term Literal(string lexical, Term datatype)
    {
        ArgumentNullException.ThrowIfNull(datatype);
        return Literal(lexical, datatype.Value);
    }

    public bool Equals(Term? other) =>
        other is not null
        && (
            ReferenceEquals(this, other)
            || (
                hash == other.hash
                && Kind == other.Kind
                && string.Equals(Value, other.Value, StringComparison.Ordinal)
                && string.Equals(Datatype, other.Datatype, StringComparison.Ordinal)
                && string.Equals(Language, other.Language, StringComparison.Ordinal)
            )
        );

    public override bool Equals(object? obj) => obj is Term t && Equals(t);

    public override int GetHashCode() => hash;

    public static bool operator ==(Term? left, Term? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(Term? left, Term? right) => !(left == right);

    /// <summary>The term in N-Triples syntax.</summary>
    public override string ToString()
    {
        switch (Kind)
        {
            case TermKind.Iri:
                return "<" + Value + ">";
            case TermKind.BlankNode:
                return "_:" + Value;
            default:
                var sb = new StringBuilder(Value.Length + 8);
                sb.Append('"');
                foreach (var c in Value)
                {
                    switch (c)
                    {
                        case '"':
                            sb.Append("\\\"");
                            break;
                        case '\\':
                            sb.Append("\\\\");
                            break;
                        case '\n':
                            sb.Append("\\n");
                            break;
                        case '\r':
                            sb.Append("\\r");
                            break;
                        default:
                            sb.Append(c);
                            break;
                    }
                }
                sb.Append('"');
                if (Language is not null)
                {
                    sb.Append('@').Append(Language);
                }
                else if (Datatype != Vocab.Xsd.String)
                {
                    sb.Append("^^<").Append(Datatype).Append('>');
                }
                return sb.ToString();
        }
    }
}
