using System.Globalization;
using System.Text;

namespace GaiaX.Oid4vc.Rdf;

/// <summary>
/// Parsers for Turtle 1.1, N-Triples and N-Quads. One pass over the text, no regular expressions;
/// every syntax error is an <see cref="RdfSyntaxException"/> with line and column.
/// </summary>
public static class TurtleParser
{
    /// <summary>Parses Turtle into a new graph. <paramref name="baseIri"/> resolves relative IRIs.</summary>
    public static Graph Parse(string text, string? baseIri = null)
    {
        var graph = new Graph();
        ParseInto(graph, text, baseIri);
        return graph;
    }

    /// <summary>Parses Turtle, adding the triples to <paramref name="graph"/>.</summary>
    public static void ParseInto(Graph graph, string text, string? baseIri = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(text);
        var dataset = new Dataset();
        new RdfTextReader(text, baseIri, RdfTextReader.Syntax.Turtle, dataset, graph).Run();
    }

    /// <summary>Parses Turtle, keeping only the triples whose predicate is <paramref name="predicate"/>.</summary>
    public static Graph ParseOnly(string text, Term predicate, string? baseIri = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(predicate);
        var graph = new Graph();
        new RdfTextReader(text, baseIri, RdfTextReader.Syntax.Turtle, new Dataset(), graph) { OnlyPredicate = predicate }.Run();
        return graph;
    }

    /// <summary>Parses N-Triples into a new graph.</summary>
    public static Graph ParseNTriples(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var graph = new Graph();
        new RdfTextReader(text, null, RdfTextReader.Syntax.NTriples, new Dataset(), graph).Run();
        return graph;
    }

    /// <summary>Parses N-Quads into a new dataset.</summary>
    public static Dataset ParseNQuads(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var dataset = new Dataset();
        new RdfTextReader(text, null, RdfTextReader.Syntax.NQuads, dataset, dataset.DefaultGraph).Run();
        return dataset;
    }
}

internal sealed class RdfTextReader
{
    private readonly string text;
    private readonly Syntax syntax;
    private readonly Dataset dataset;
    private readonly Graph graph;
    private readonly Dictionary<string, string> prefixes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> prefixLookup;
    private readonly Dictionary<string, Term> iriCache = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Term>.AlternateLookup<ReadOnlySpan<char>> iriLookup;
    private readonly Dictionary<string, Term> plainLiterals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Term>.AlternateLookup<ReadOnlySpan<char>> plainLookup;
    private readonly Dictionary<string, Dictionary<string, Term>> localNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Term> blankNodes = new(StringComparer.Ordinal);
    private readonly StringBuilder buffer = new();
    private string? baseIri;
    private int pos;
    private int blankCounter;

    public RdfTextReader(string text, string? baseIri, Syntax syntax, Dataset dataset, Graph graph)
    {
        this.text = text;
        this.baseIri = baseIri;
        this.syntax = syntax;
        this.dataset = dataset;
        this.graph = graph;
        iriLookup = iriCache.GetAlternateLookup<ReadOnlySpan<char>>();
        plainLookup = plainLiterals.GetAlternateLookup<ReadOnlySpan<char>>();
        prefixLookup = prefixes.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>When set, only triples with this predicate are kept (e.g. rdfs:subClassOf from an ontology).</summary>
    public Term? OnlyPredicate { get; init; }

    private void Add(Term s, Term p, Term o)
    {
        if (OnlyPredicate is null || OnlyPredicate.Equals(p))
        {
            graph.Add(s, p, o);
        }
    }

    internal enum Syntax
    {
        Turtle,
        NTriples,
        NQuads,
    }

    public void Run()
    {
        while (true)
        {
            SkipWhitespace();
            if (pos >= text.Length)
            {
                return;
            }
            if (syntax == Syntax.Turtle)
            {
                TurtleStatement();
            }
            else
            {
                LineStatement();
            }
        }
    }

    private void LineStatement()
    {
        var subject =
            Peek() == '<' ? IriRef()
            : Peek() == '_' ? BlankNodeLabel()
            : throw Error("expected a subject IRI or blank node");
        SkipWhitespace();
        var predicate = Peek() == '<' ? IriRef() : throw Error("expected a predicate IRI");
        SkipWhitespace();
        var obj = Peek() switch
        {
            '<' => IriRef(),
            '_' => BlankNodeLabel(),
            '"' => LiteralTerm(),
            _ => throw Error("expected an object IRI, blank node or literal"),
        };
        SkipWhitespace();
        var target = graph;
        if (syntax == Syntax.NQuads && Peek() is '<' or '_')
        {
            var name = Peek() == '<' ? IriRef() : BlankNodeLabel();
            target = dataset.GetOrAddGraph(name);
            SkipWhitespace();
        }
        Expect('.');
        target.Add(subject, predicate, obj);
    }

    private void TurtleStatement()
    {
        var c = Peek();
        if (c == '@')
        {
            var start = pos;
            pos++;
            var word = ReadWhile(static ch => char.IsAsciiLetter(ch));
            if (word == "prefix")
            {
                PrefixDirective();
                SkipWhitespace();
                Expect('.');
            }
            else if (word == "base")
            {
                BaseDirective();
                SkipWhitespace();
                Expect('.');
            }
            else
            {
                pos = start;
                throw Error("unknown directive @" + word);
            }
            return;
        }
        if (MatchKeyword("PREFIX"))
        {
            PrefixDirective();
            return;
        }
        if (MatchKeyword("BASE"))
        {
            BaseDirective();
            return;
        }
        Triples();
        SkipWhitespace();
        Expect('.');
    }

    private bool MatchKeyword(string keyword)
    {
        if (
            pos + keyword.Length <= text.Length
            && string.Compare(text, pos, keyword, 0, keyword.Length, StringComparison.OrdinalIgnoreCase) == 0
            && (pos + keyword.Length == text.Length || char.IsWhiteSpace(text[pos + keyword.Length]))
        )
        {
            pos += keyword.Length;
            return true;
        }
        return false;
    }

    private void PrefixDirective()
    {
        SkipWhitespace();
        var start = pos;
        var name = ReadPrefixName();
        if (Peek() != ':')
        {
            pos = start;
            throw Error("expected a prefix name followed by ':'");
        }
        pos++;
        SkipWhitespace();
        var iri = IriRef();
        prefixes[name] = iri.Value;
    }

    private void BaseDirective()
    {
        SkipWhitespace();
        baseIri = IriRef().Value;
    }

    private void Triples()
    {
        var c = Peek();
        Term subject;
        if (c == '[')
        {
            // A blank node property list may stand alone as a statement.
            subject = BlankNodePropertyList();
            SkipWhitespace();
            if (Peek() == '.')
            {
                return;
            }
        }
        else
        {
            subject = SubjectTerm();
        }
        SkipWhitespace();
        PredicateObjectList(subject);
    }

    private Term SubjectTerm() =>
        Peek() switch
        {
            '<' => IriRef(),
            '_' => BlankNodeLabel(),
            '(' => Collection(),
            '[' => BlankNodePropertyList(),
            _ => PrefixedNameOrError("expected a subject"),
        };

    private void PredicateObjectList(Term subject)
    {
        while (true)
        {
            var predicate = Verb();
            SkipWhitespace();
            ObjectList(subject, predicate);
            SkipWhitespace();
            if (Peek() != ';')
            {
                return;
            }
            while (Peek() == ';')
            {
                pos++;
                SkipWhitespace();
            }
            var next = Peek();
            if (next is '.' or ']' or '\0')
            {
                return;
            }
        }
    }

    private Term Verb()
    {
        if (
            Peek() == 'a'
            && pos + 1 < text.Length
            && (char.IsWhiteSpace(text[pos + 1]) || text[pos + 1] is '<' or '[' or '"' or '(' or '_')
        )
        {
            pos++;
            return Terms.RdfType;
        }
        return Peek() == '<' ? IriRef() : PrefixedNameOrError("expected a predicate");
    }

    private void ObjectList(Term subject, Term predicate)
    {
        while (true)
        {
            var obj = ObjectTerm();
            Add(subject, predicate, obj);
            SkipWhitespace();
            if (Peek() != ',')
            {
                return;
            }
            pos++;
            SkipWhitespace();
        }
    }

    private Term ObjectTerm()
    {
        var c = Peek();
        switch (c)
        {
            case '<':
                return IriRef();
            case '_':
                return BlankNodeLabel();
            case '(':
                return Collection();
            case '[':
                return BlankNodePropertyList();
            case '"' or '\'':
                return LiteralTerm();
            case '+' or '-' or (>= '0' and <= '9'):
                return NumericLiteral();
            case '.' when pos + 1 < text.Length && char.IsAsciiDigit(text[pos + 1]):
                return NumericLiteral();
        }
        if (MatchBoolean("true"))
        {
            return Terms.True;
        }
        if (MatchBoolean("false"))
        {
            return Terms.False;
        }
        return PrefixedNameOrError("expected an object");
    }

    private bool MatchBoolean(string word)
    {
        if (string.CompareOrdinal(text, pos, word, 0, word.Length) == 0)
        {
            var end = pos + word.Length;
            if (end == text.Length || !IsPnChar(text[end]) && text[end] != ':')
            {
                pos = end;
                return true;
            }
        }
        return false;
    }

    private Term Collection()
    {
        pos++; // (
        var items = new List<Term>();
        while (true)
        {
            SkipWhitespace();
            if (Peek() == ')')
            {
                pos++;
                break;
            }
            if (pos >= text.Length)
            {
                throw Error("unterminated collection: expected ')'");
            }
            items.Add(ObjectTerm());
        }
        if (items.Count == 0)
        {
            return Terms.RdfNil;
        }
        var head = NewBlank();
        var node = head;
        for (var i = 0; i < items.Count; i++)
        {
            Add(node, Terms.RdfFirst, items[i]);
            var next = i == items.Count - 1 ? Terms.RdfNil : NewBlank();
            Add(node, Terms.RdfRest, next);
            node = next;
        }
        return head;
    }

    private Term BlankNodePropertyList()
    {
        pos++; // [
        SkipWhitespace();
        var node = NewBlank();
        if (Peek() == ']')
        {
            pos++;
            return node;
        }
        PredicateObjectList(node);
        SkipWhitespace();
        Expect(']');
        return node;
    }

    private Term NewBlank() => Term.Blank("b" + (blankCounter++).ToString(CultureInfo.InvariantCulture));

    private Term BlankNodeLabel()
    {
        if (pos + 1 >= text.Length || text[pos + 1] != ':')
        {
            throw Error("expected '_:' to start a blank node label");
        }
        pos += 2;
        var start = pos;
        if (pos >= text.Length || !(IsPnCharsU(text[pos]) || char.IsAsciiDigit(text[pos])))
        {
            throw Error("invalid blank node label");
        }
        while (pos < text.Length && (IsPnChar(text[pos]) || text[pos] == '.'))
        {
            pos++;
        }
        while (text[pos - 1] == '.')
        {
            pos--;
        }
        var label = text[start..pos];
        if (!blankNodes.TryGetValue(label, out var term))
        {
            // Labels are scoped to the document: fresh names keep separate documents apart in one graph.
            term = syntax == Syntax.Turtle ? NewBlank() : Term.Blank(label);
            blankNodes.Add(label, term);
        }
        return term;
    }

    private Term IriRef()
    {
        if (Peek() != '<')
        {
            throw Error("expected '<'");
        }
        pos++;
        var start = pos;
        var escaped = false;
        while (true)
        {
            if (pos >= text.Length)
            {
                throw Error("unterminated IRI: expected '>'");
            }
            var c = text[pos];
            if (c == '>')
            {
                break;
            }
            if (c == '\\')
            {
                escaped = true;
                pos += 2;
                continue;
            }
            if (c <= ' ' || c is '<' or '"' or '{' or '}' or '|' or '^' or '`')
            {
                throw Error($"character '{Printable(c)}' is not allowed in an IRI");
            }
            pos++;
        }
        string value;
        if (escaped)
        {
            buffer.Clear();
            var i = start;
            while (i < pos)
            {
                if (text[i] == '\\')
                {
                    var save = pos;
                    pos = i;
                    i = ReadUnicodeEscape(i, buffer);
                    pos = save;
                }
                else
                {
                    buffer.Append(text[i++]);
                }
            }
            value = buffer.ToString();
        }
        else
        {
            // Fast path: a known absolute IRI is found without allocating its text again.
            var span = text.AsSpan(start, pos - start);
            if (iriLookup.TryGetValue(span, out var known))
            {
                pos++;
                return known;
            }
            value = span.ToString();
        }
        pos++; // >
        if (syntax != Syntax.Turtle)
        {
            if (!Iri.IsAbsolute(value))
            {
                pos = start;
                throw Error("relative IRI not allowed in N-Triples / N-Quads");
            }
            return CachedIri(value);
        }
        return CachedIri(Iri.IsAbsolute(value) ? value : Iri.Resolve(baseIri, value));
    }

    private int ReadUnicodeEscape(int i, StringBuilder into)
    {
        var kind = i + 1 < text.Length ? text[i + 1] : '\0';
        var digits =
            kind == 'u' ? 4
            : kind == 'U' ? 8
            : 0;
        if (
            digits == 0
            || i + 2 + digits > text.Length
            || !int.TryParse(text.AsSpan(i + 2, digits), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code)
            || code > 0x10FFFF
        )
        {
            throw ErrorAt(i, "invalid escape sequence in IRI");
        }
        into.Append(char.ConvertFromUtf32(code));
        return i + 2 + digits;
    }

    private Term CachedIri(string value)
    {
        if (!iriCache.TryGetValue(value, out var term))
        {
            term = Term.Iri(value);
            iriCache.Add(value, term);
        }
        return term;
    }

    private Term PrefixedNameOrError(string expectation)
    {
        var start = pos;
        var prefixSpan = ReadPrefixSpan();
        if (Peek() != ':')
        {
            pos = start;
            if (pos >= text.Length)
            {
                throw Error(expectation + ", found the end of the input");
            }
            throw Error($"{expectation}, found '{Printable(text[pos])}'");
        }
        pos++;
        if (!prefixLookup.TryGetValue(prefixSpan, out var ns))
        {
            pos = start;
            throw Error($"undefined prefix '{prefixSpan.ToString()}:'");
        }
        if (!localNames.TryGetValue(ns, out var names))
        {
            names = new Dictionary<string, Term>(StringComparer.Ordinal);
            localNames.Add(ns, names);
        }
        // Fast path: a local name without escapes is looked up by span, allocating nothing when known.
        var localStart = pos;
        var simple = ScanSimpleLocalName();
        if (simple >= 0)
        {
            var span = text.AsSpan(localStart, simple);
            var lookup = names.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.TryGetValue(span, out var known))
            {
                pos = localStart + simple;
                return known;
            }
        }
        pos = localStart;
        var local = ReadLocalName();
        if (!names.TryGetValue(local, out var term))
        {
            term = CachedIri(local.Length == 0 ? ns : ns + local);
            names.Add(local, term);
        }
        return term;
    }

    /// <summary>Length of the local name at pos when it has no escapes and no inner dots; -1 otherwise.</summary>
    private int ScanSimpleLocalName()
    {
        var i = pos;
        while (i < text.Length)
        {
            var c = text[i];
            if (IsPnChar(c) || c == ':')
            {
                i++;
                continue;
            }
            if (c is '\\' or '%' || (c == '.' && i + 1 < text.Length && (IsPnChar(text[i + 1]) || text[i + 1] is ':' or '%' or '\\')))
            {
                return -1;
            }
            break;
        }
        return i - pos;
    }

    private ReadOnlySpan<char> ReadPrefixSpan()
    {
        var start = pos;
        if (pos < text.Length && IsPnCharsBase(text[pos]))
        {
            pos++;
            while (pos < text.Length && (IsPnChar(text[pos]) || text[pos] == '.'))
            {
                pos++;
            }
            while (text[pos - 1] == '.')
            {
                pos--;
            }
        }
        return text.AsSpan(start, pos - start);
    }

    private string ReadPrefixName()
    {
        var start = pos;
        if (pos < text.Length && IsPnCharsBase(text[pos]))
        {
            pos++;
            while (pos < text.Length && (IsPnChar(text[pos]) || text[pos] == '.'))
            {
                pos++;
            }
            while (text[pos - 1] == '.')
            {
                pos--;
            }
        }
        return text[start..pos];
    }

    private string ReadLocalName()
    {
        buffer.Clear();
        var first = true;
        while (pos < text.Length)
        {
            var c = text[pos];
            if (c == '\\')
            {
                if (pos + 1 >= text.Length || "_~.-!$&'()*+,;=/?#@%".IndexOf(text[pos + 1], StringComparison.Ordinal) < 0)
                {
                    throw Error("invalid escape in a prefixed name");
                }
                buffer.Append(text[pos + 1]);
                pos += 2;
            }
            else if (c == '%')
            {
                if (pos + 2 >= text.Length || !char.IsAsciiHexDigit(text[pos + 1]) || !char.IsAsciiHexDigit(text[pos + 2]))
                {
                    throw Error("invalid percent-encoding in a prefixed name");
                }
                buffer.Append(text, pos, 3);
                pos += 3;
            }
            else if (IsPnChar(c) || c == ':' || (first && char.IsAsciiDigit(c)))
            {
                buffer.Append(c);
                pos++;
            }
            else if (c == '.' && !first && pos + 1 < text.Length && (IsPnChar(text[pos + 1]) || text[pos + 1] is ':' or '%' or '\\' or '.'))
            {
                buffer.Append(c);
                pos++;
            }
            else
            {
                break;
            }
            first = false;
        }
        // A trailing '.' ends the statement rather than the name.
        while (buffer.Length > 0 && buffer[^1] == '.')
        {
            buffer.Length--;
            pos--;
        }
        return buffer.ToString();
    }

    private Term LiteralTerm()
    {
        // Fast path: a short plain string without escapes followed by neither a language nor a datatype
        // (the large sh:in lists) is looked up by span, so repeated values share one term.
        var quote = text[pos];
        if (quote == '"' && !(pos + 2 < text.Length && text[pos + 1] == '"' && text[pos + 2] == '"'))
        {
            var end = pos + 1;
            while (end < text.Length && text[end] != '"' && text[end] != '\\' && text[end] != '\n' && text[end] != '\r')
            {
                end++;
            }
            if (end < text.Length && text[end] == '"' && (end + 1 >= text.Length || (text[end + 1] != '@' && text[end + 1] != '^')))
            {
                var span = text.AsSpan(pos + 1, end - pos - 1);
                if (!plainLookup.TryGetValue(span, out var known))
                {
                    known = Term.Literal(span.ToString());
                    plainLiterals.Add(known.Value, known);
                }
                pos = end + 1;
                return known;
            }
        }
        var lexical = StringLiteral();
        if (Peek() == '@')
        {
            pos++;
            var start = pos;
            while (pos < text.Length && (char.IsAsciiLetterOrDigit(text[pos]) || text[pos] == '-'))
            {
                pos++;
            }
            if (pos == start || !char.IsAsciiLetter(text[start]))
            {
                throw Error("invalid language tag");
            }
            return Term.Literal(lexical, null, text[start..pos]);
        }
        if (Peek() == '^' && pos + 1 < text.Length && text[pos + 1] == '^')
        {
            pos += 2;
            SkipWhitespace();
            var datatype =
                Peek() == '<' ? IriRef()
                : syntax == Syntax.Turtle ? PrefixedNameOrError("expected a datatype IRI")
                : throw Error("expected a datatype IRI");
            return Term.Literal(lexical, datatype.Value);
        }
        return Term.Literal(lexical);
    }

    private string StringLiteral()
    {
        var quote = text[pos];
        if (quote == '\'' && syntax != Syntax.Turtle)
        {
            throw Error("expected '\"'");
        }
        var start = pos;
        var longForm = syntax == Syntax.Turtle && pos + 2 < text.Length && text[pos + 1] == quote && text[pos + 2] == quote;
        pos += longForm ? 3 : 1;
        buffer.Clear();
        while (true)
        {
            if (pos >= text.Length)
            {
                throw ErrorAt(start, "unterminated string literal");
            }
            var c = text[pos];
            if (c == quote)
            {
                if (!longForm)
                {
                    pos++;
                    break;
                }
                if (pos + 2 < text.Length && text[pos + 1] == quote && text[pos + 2] == quote)
                {
                    // Up to two further quotes before the closing triple belong to the content.
                    while (pos + 3 < text.Length && text[pos + 3] == quote)
                    {
                        buffer.Append(quote);
                        pos++;
                    }
                    pos += 3;
                    break;
                }
                buffer.Append(c);
                pos++;
                continue;
            }
            if (c == '\\')
            {
                pos = ReadStringEscape(pos);
                continue;
            }
            if (!longForm && c is '\n' or '\r')
            {
                throw Error("line break in a short string literal");
            }
            buffer.Append(c);
            pos++;
        }
        return buffer.ToString();
    }

    private int ReadStringEscape(int i)
    {
        if (i + 1 >= text.Length)
        {
            throw ErrorAt(i, "invalid escape sequence");
        }
        switch (text[i + 1])
        {
            case 't':
                buffer.Append('\t');
                return i + 2;
            case 'b':
                buffer.Append('\b');
                return i + 2;
            case 'n':
                buffer.Append('\n');
                return i + 2;
            case 'r':
                buffer.Append('\r');
                return i + 2;
            case 'f':
                buffer.Append('\f');
                return i + 2;
            case '"':
                buffer.Append('"');
                return i + 2;
            case '\'':
                buffer.Append('\'');
                return i + 2;
            case '\\':
                buffer.Append('\\');
                return i + 2;
            case 'u' or 'U':
                return ReadUnicodeEscape(i, buffer);
            default:
                throw ErrorAt(i, $"invalid escape sequence '\\{Printable(text[i + 1])}'");
        }
    }

    private Term NumericLiteral()
    {
        var start = pos;
        if (Peek() is '+' or '-')
        {
            pos++;
        }
        var intDigits = CountDigits();
        var hasDot = false;
        var fracDigits = 0;
        if (Peek() == '.' && pos + 1 < text.Length && char.IsAsciiDigit(text[pos + 1]))
        {
            hasDot = true;
            pos++;
            fracDigits = CountDigits();
        }
        var hasExponent = false;
        if (Peek() is 'e' or 'E' && (intDigits > 0 || fracDigits > 0))
        {
            hasExponent = true;
            pos++;
            if (Peek() is '+' or '-')
            {
                pos++;
            }
            if (CountDigits() == 0)
            {
                pos = start;
                throw Error("invalid number: exponent without digits");
            }
        }
        if (intDigits == 0 && fracDigits == 0)
        {
            pos = start;
            throw Error("invalid number");
        }
        var lexical = text[start..pos];
        var datatype =
            hasExponent ? Vocab.Xsd.Double
            : hasDot ? Vocab.Xsd.Decimal
            : Vocab.Xsd.Integer;
        return Term.Literal(lexical, datatype);
    }

    private int CountDigits()
    {
        var start = pos;
        while (pos < text.Length && char.IsAsciiDigit(text[pos]))
        {
            pos++;
        }
        return pos - start;
    }

    private void Expect(char c)
    {
        if (Peek() != c)
        {
            throw pos >= text.Length
                ? Error($"expected '{c}', found the end of the input")
                : Error($"expected '{c}', found '{Printable(text[pos])}'");
        }
        pos++;
    }

    private char Peek() => pos < text.Length ? text[pos] : '\0';

    private string ReadWhile(Func<char, bool> predicate)
    {
        var start = pos;
        while (pos < text.Length && predicate(text[pos]))
        {
            pos++;
        }
        return text[start..pos];
    }

    private void SkipWhitespace()
    {
        while (pos < text.Length)
        {
            var c = text[pos];
            if (c is ' ' or '\t' or '\r' or '\n')
            {
                pos++;
            }
            else if (c == '#')
            {
                while (pos < text.Length && text[pos] != '\n')
                {
                    pos++;
                }
            }
            else
            {
                return;
            }
        }
    }

    private static bool IsPnCharsBase(char c) =>
        char.IsAsciiLetter(c)
        || (c >= 0xC0 && c != 0xD7 && c != 0xF7 && c <= 0x2FF)
        || (c >= 0x370 && c <= 0x37D)
        || (c >= 0x37F && c <= 0x1FFF)
        || c is '\u200C' or '\u200D'
        || (c >= 0x2070 && c <= 0x218F)
        || (c >= 0x2C00 && c <= 0x2FEF)
        || (c >= 0x3001 && c <= 0xD7FF)
        || (c >= 0xF900 && c <= 0xFDCF)
        || (c >= 0xFDF0 && c <= 0xFFFD)
        || char.IsSurrogate(c);

    private static bool IsPnCharsU(char c) => IsPnCharsBase(c) || c == '_';

    private static bool IsPnChar(char c) =>
        IsPnCharsU(c) || c == '-' || char.IsAsciiDigit(c) || c == '\u00B7' || (c >= 0x300 && c <= 0x36F) || (c >= 0x203F && c <= 0x2040);

    private static string Printable(char c) => c < ' ' ? $"U+{(int)c:X4}" : c.ToString();

    private RdfSyntaxException Error(string reason) => ErrorAt(pos, reason);

    private RdfSyntaxException ErrorAt(int at, string reason)
    {
        // Recount from the start: errors are rare, and this keeps the hot path free of bookkeeping.
        var l = 1;
        var ls = 0;
        for (var i = 0; i < at && i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                l++;
                ls = i + 1;
            }
        }
        return new RdfSyntaxException(reason, l, at - ls + 1);
    }
}
