using System.Globalization;
using System.Text;
using System.Text.Json;

namespace GaiaX.Oid4vc.Rdf.JsonLd;

/// <summary>
/// JSON-LD 1.1 to RDF (expansion and the Deserialize JSON-LD to RDF algorithm, done in one pass
/// over the input). Remote contexts come only from the <see cref="IDocumentLoader"/>.
/// </summary>
public static class JsonLdToRdf
{
    /// <summary>Converts a JSON-LD document to an RDF dataset.</summary>
    /// <exception cref="JsonLdException">The document is not valid JSON-LD or uses an unpinned context.</exception>
    public static Dataset ToDataset(string json, IDocumentLoader loader, JsonLdOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        options ??= new JsonLdOptions();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = options.MaxDepth });
        }
        catch (JsonException e)
        {
            throw new JsonLdException(JsonLdErrorCodes.LoadingDocumentFailed, "not valid JSON: " + e.Message);
        }
        using (document)
        {
            return ToDataset(document.RootElement, loader, options);
        }
    }

    /// <summary>Converts a parsed JSON-LD document to an RDF dataset.</summary>
    public static Dataset ToDataset(JsonElement document, IDocumentLoader loader, JsonLdOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(loader);
        options ??= new JsonLdOptions();
        var dataset = new Dataset();
        var context = ActiveContext.Initial;
        if (options.BaseIri is not null)
        {
            context = new ActiveContext(shareable: false) { BaseIri = options.BaseIri, OriginalBaseIri = options.BaseIri };
        }
        new Emitter(new ContextProcessor(loader), dataset).Top(document, context);
        return dataset;
    }

    /// <summary>Converts a JSON-LD document and returns its default graph (where a credential's claims are).</summary>
    public static Graph ToGraph(string json, IDocumentLoader loader, JsonLdOptions? options = null) =>
        ToDataset(json, loader, options).DefaultGraph;

    private sealed class Emitter(ContextProcessor processor, Dataset dataset)
    {
        private readonly Dictionary<string, Term> blankNodes = new(StringComparer.Ordinal);
        private int counter;

        public void Top(JsonElement element, ActiveContext ctx)
        {
            if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray())
                {
                    Top(item, ctx);
                }
                return;
            }
            if (element.ValueKind != JsonValueKind.Object)
            {
                return;
            }
            Node(element, ctx, null, null, topLevel: true);
        }

        private Term NewBlank() => Term.Blank("b" + (counter++).ToString(CultureInfo.InvariantCulture));

        private Term BlankFor(string label)
        {
            if (!blankNodes.TryGetValue(label, out var term))
            {
                term = NewBlank();
                blankNodes.Add(label, term);
            }
            return term;
        }

        /// <summary>An IRI or blank node term for an expanded identifier; null when it is not absolute (dropped by toRdf).</summary>
        private Term? Resource(string? expanded)
        {
            if (expanded is null)
            {
                return null;
            }
            if (expanded.StartsWith("_:", StringComparison.Ordinal))
            {
                return BlankFor(expanded);
            }
            return Iri.IsAbsolute(expanded) ? Term.Iri(expanded) : null;
        }

        private string? Expand(ActiveContext ctx, string value, bool vocab) =>
            processor.ExpandIri(ctx, value, documentRelative: true, vocab);

        private string? Keyword(ActiveContext ctx, string key)
        {
            if (key.Length > 0 && key[0] == '@')
            {
                return key;
            }
            return ctx.Terms.TryGetValue(key, out var def) && def.IriMapping is { Length: > 0 } m && m[0] == '@' ? m : null;
        }

        private bool IsValueOrReference(ActiveContext ctx, JsonElement obj)
        {
            var count = 0;
            var onlyId = true;
            foreach (var p in obj.EnumerateObject())
            {
                var k = Keyword(ctx, p.Name);
                if (k == "@value")
                {
                    return true;
                }
                count++;
                onlyId &= k == "@id";
            }
            return count == 1 && onlyId;
        }

        /// <summary>Processes a node object and returns its subject.</summary>
        private Term Node(
            JsonElement obj,
            ActiveContext ctx,
            Term? graph,
            TermDefinition? property,
            bool topLevel = false,
            string? idFromMap = null,
            string? typeFromMap = null,
            int depth = 0
        )
        {
            if (depth > 64)
            {
                throw new JsonLdException(JsonLdErrorCodes.InvalidLocalContext, "document nested too deeply");
            }
            if (ctx.PreviousContext is not null && !IsValueOrReference(ctx, obj))
            {
                ctx = ctx.PreviousContext;
            }
            if (property?.Context is { } scoped)
            {
                ctx = processor.Process(ctx, scoped, property.ContextBase, overrideProtected: true, cacheKey: property);
            }
            if (obj.TryGetProperty("@context", out var embedded))
            {
                ctx = processor.Process(ctx, embedded, ctx.BaseIri);
            }
            var typeScoped = ctx;
            List<string>? types = null;
            string? id = null;
            var onlyGraph = true;
            foreach (var p in obj.EnumerateObject())
            {
                if (p.Name == "@context")
                {
                    continue;
                }
                var k = Keyword(typeScoped, p.Name);
                if (k == "@type")
                {
                    types ??= new List<string>();
                    if (p.Value.ValueKind == JsonValueKind.String)
                    {
                        types.Add(p.Value.GetString()!);
                    }
                    else if (p.Value.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var t in p.Value.EnumerateArray())
                        {
                            types.Add(
                                t.ValueKind == JsonValueKind.String
                                    ? t.GetString()!
                                    : throw new JsonLdException(JsonLdErrorCodes.InvalidTypeValue, "@type values must be strings")
                            );
                        }
                    }
                    else
                    {
                        throw new JsonLdException(JsonLdErrorCodes.InvalidTypeValue, "@type must be a string or an array of strings");
                    }
                }
                else if (k == "@id")
                {
                    id =
                        p.Value.ValueKind == JsonValueKind.String
                            ? p.Value.GetString()
                            : throw new JsonLdException(JsonLdErrorCodes.InvalidIdValue, "@id must be a string");
                }
                if (k != "@graph")
                {
                    onlyGraph = false;
                }
            }
            if (types is not null)
            {
                types.Sort(StringComparer.Ordinal);
                foreach (var t in types)
                {
                    if (typeScoped.Terms.TryGetValue(t, out var def) && def.Context is { } typeContext)
                    {
                        ctx = processor.Process(ctx, typeContext, def.ContextBase, propagate: false, cacheKey: def);
                    }
                }
            }
            id ??= idFromMap;
            Term? subject = id is not null ? Resource(Expand(typeScoped, id, vocab: false)) : null;
            var hasSubject = id is null || subject is not null;
            subject ??= NewBlank();
            var target = dataset.GetOrAddGraph(graph);
            if (hasSubject)
            {
                if (types is not null)
                {
                    foreach (var t in types)
                    {
                        if (Resource(Expand(typeScoped, t, vocab: true)) is { } typeTerm)
                        {
                            target.Add(subject, Terms.RdfType, typeTerm);
                        }
                    }
                }
                if (typeFromMap is not null && Resource(Expand(typeScoped, typeFromMap, vocab: true)) is { } mapType)
                {
                    target.Add(subject, Terms.RdfType, mapType);
                }
            }
            Properties(obj, ctx, typeScoped, subject, hasSubject, graph, topLevel && onlyGraph, depth);
            return subject;
        }

        private void Properties(
            JsonElement obj,
            ActiveContext ctx,
            ActiveContext typeScoped,
            Term subject,
            bool hasSubject,
            Term? graph,
            bool graphIsDefault,
            int depth
        )
        {
            foreach (var p in obj.EnumerateObject())
            {
                if (p.Name == "@context")
                {
                    continue;
                }
                var k = Keyword(ctx, p.Name);
                if (k is not null)
                {
                    switch (k)
                    {
                        case "@graph":
                            var graphName = graphIsDefault ? graph : subject;
                            foreach (var item in Items(p.Value))
                            {
                                if (item.ValueKind == JsonValueKind.Object && !IsValueOrReference(ctx, item))
                                {
                                    Node(item, ctx, graphName, null, depth: depth + 1);
                                }
                            }
                            break;
                        case "@included":
                            foreach (var item in Items(p.Value))
                            {
                                if (item.ValueKind != JsonValueKind.Object)
                                {
                                    throw new JsonLdException(
                                        JsonLdErrorCodes.InvalidIncludedValue,
                                        "@included values must be node objects"
                                    );
                                }
                                Node(item, ctx, graph, null, depth: depth + 1);
                            }
                            break;
                        case "@reverse":
                            if (p.Value.ValueKind != JsonValueKind.Object)
                            {
                                throw new JsonLdException(JsonLdErrorCodes.InvalidReverseValue, "@reverse must be an object");
                            }
                            foreach (var r in p.Value.EnumerateObject())
                            {
                                if (Resource(Expand(ctx, r.Name, vocab: true)) is { IsIri: true } reverseProperty && hasSubject)
                                {
                                    foreach (var item in Items(r.Value))
                                    {
                                        if (item.ValueKind == JsonValueKind.Object)
                                        {
                                            var s = Node(item, ctx, graph, null, depth: depth + 1);
                                            dataset.GetOrAddGraph(graph).Add(s, reverseProperty, subject);
                                        }
                                    }
                                }
                            }
                            break;
                        case "@nest":
                            foreach (var nested in Items(p.Value))
                            {
                                if (nested.ValueKind != JsonValueKind.Object)
                                {
                                    throw new JsonLdException(JsonLdErrorCodes.InvalidNestValue, "@nest values must be objects");
                                }
                                Properties(nested, ctx, typeScoped, subject, hasSubject, graph, false, depth + 1);
                            }
                            break;
                        case "@value" or "@list" or "@set":
                            throw new JsonLdException(JsonLdErrorCodes.InvalidSetOrListObject, k + " in a node object");
                    }
                    continue;
                }
                ctx.Terms.TryGetValue(p.Name, out var def);
                var iri = Expand(ctx, p.Name, vocab: true);
                if (iri is null || (!Iri.IsAbsolute(iri) && !iri.StartsWith("_:", StringComparison.Ordinal)))
                {
                    // Not mapped to an IRI: JSON-LD drops it.
                    continue;
                }
                if (!hasSubject)
                {
                    // The node itself is dropped (relative @id); still walk its values for nested nodes.
                    foreach (var item in Items(p.Value))
                    {
                        _ = Value(item, ctx, def, graph, depth + 1);
                    }
                    continue;
                }
                var predicate = Resource(iri);
                if (predicate is null || predicate.IsBlankNode)
                {
                    continue;
                }
                Property(subject, predicate, p.Value, ctx, def, graph, depth + 1);
            }
        }

        private void Property(
            Term subject,
            Term predicate,
            JsonElement value,
            ActiveContext ctx,
            TermDefinition? def,
            Term? graph,
            int depth
        )
        {
            var target = dataset.GetOrAddGraph(graph);
            var termCtx = ctx;
            if (def?.Context is { } scoped && value.ValueKind != JsonValueKind.Object && value.ValueKind != JsonValueKind.Array)
            {
                termCtx = processor.Process(ctx, scoped, def.ContextBase, overrideProtected: true, cacheKey: def);
            }
            void Emit(Term o)
            {
                if (def?.Reverse == true)
                {
                    if (!o.IsLiteral)
                    {
                        target.Add(o, predicate, subject);
                    }
                }
                else
                {
                    target.Add(subject, predicate, o);
                }
            }
            if (def?.TypeMapping == "@json")
            {
                Emit(Term.Literal(CanonicalJson(value), Vocab.Rdf.Json));
                return;
            }
            var container = def?.Container ?? Containers.None;
            if ((container & Containers.Language) != 0 && value.ValueKind == JsonValueKind.Object)
            {
                foreach (var entry in value.EnumerateObject())
                {
                    var lang = Keyword(ctx, entry.Name) == "@none" ? null : entry.Name;
                    foreach (var s in Items(entry.Value))
                    {
                        if (s.ValueKind == JsonValueKind.Null)
                        {
                            continue;
                        }
                        if (s.ValueKind != JsonValueKind.String)
                        {
                            throw new JsonLdException(JsonLdErrorCodes.InvalidLanguageMapValue, "language map values must be strings");
                        }
                        Emit(Term.Literal(s.GetString()!, null, lang));
                    }
                }
                return;
            }
            if ((container & (Containers.Index | Containers.Id | Containers.Type)) != 0 && value.ValueKind == JsonValueKind.Object)
            {
                foreach (var entry in value.EnumerateObject())
                {
                    var none = Keyword(ctx, entry.Name) == "@none";
                    foreach (var item in Items(entry.Value))
                    {
                        Term? o;
                        if ((container & Containers.Id) != 0 && item.ValueKind == JsonValueKind.Object && !none)
                        {
                            o = Node(item, ctx, graph, def, idFromMap: entry.Name, depth: depth);
                        }
                        else if ((container & Containers.Type) != 0 && !none)
                        {
                            o =
                                item.ValueKind == JsonValueKind.Object
                                    ? Node(item, ctx, graph, def, typeFromMap: entry.Name, depth: depth)
                                    : Value(item, ctx, def, graph, depth);
                            if (item.ValueKind == JsonValueKind.String && o is not null)
                            {
                                if (Resource(Expand(ctx, entry.Name, vocab: true)) is { } typeTerm)
                                {
                                    target.Add(o, Terms.RdfType, typeTerm);
                                }
                            }
                        }
                        else
                        {
                            o = Value(item, ctx, def, graph, depth);
                        }
                        if (o is not null)
                        {
                            Emit(o);
                        }
                    }
                }
                return;
            }
            if ((container & Containers.List) != 0)
            {
                Emit(List(value, termCtx, def, graph, depth));
                return;
            }
            foreach (var item in Items(value))
            {
                if ((container & Containers.Graph) != 0 && item.ValueKind == JsonValueKind.Object && !IsGraphObject(ctx, item))
                {
                    // A graph container: the value is a named graph with a fresh blank node name.
                    var graphName = NewBlank();
                    Node(item, ctx, graphName, def, depth: depth);
                    Emit(graphName);
                    continue;
                }
                var o = Value(item, item.ValueKind == JsonValueKind.Object ? ctx : termCtx, def, graph, depth);
                if (o is not null)
                {
                    Emit(o);
                }
            }
        }

        private bool IsGraphObject(ActiveContext ctx, JsonElement obj) =>
            obj.EnumerateObject().Any(p => Keyword(ctx, p.Name) == "@graph")
            && obj.EnumerateObject().All(p => Keyword(ctx, p.Name) is "@graph" or "@id" or "@index" or "@context");

        private Term List(JsonElement value, ActiveContext ctx, TermDefinition? def, Term? graph, int depth)
        {
            var items = new List<Term>();
            foreach (var item in Items(value))
            {
                var t =
                    item.ValueKind == JsonValueKind.Array ? List(item, ctx, def, graph, depth + 1) : Value(item, ctx, def, graph, depth);
                if (t is not null)
                {
                    items.Add(t);
                }
            }
            if (items.Count == 0)
            {
                return Terms.RdfNil;
            }
            var target = dataset.GetOrAddGraph(graph);
            var head = NewBlank();
            var node = head;
            for (var i = 0; i < items.Count; i++)
            {
                target.Add(node, Terms.RdfFirst, items[i]);
                var next = i == items.Count - 1 ? Terms.RdfNil : NewBlank();
                target.Add(node, Terms.RdfRest, next);
                node = next;
            }
            return head;
        }

        /// <summary>The RDF term for one value (scalar, value object, list object or node object); null when dropped.</summary>
        private Term? Value(JsonElement item, ActiveContext ctx, TermDefinition? def, Term? graph, int depth)
        {
            switch (item.ValueKind)
            {
                case JsonValueKind.Null:
                    return null;
                case JsonValueKind.String:
                    var s = item.GetString()!;
                    switch (def?.TypeMapping)
                    {
                        case "@id":
                            return Resource(Expand(ctx, s, vocab: false));
                        case "@vocab":
                            return Resource(Expand(ctx, s, vocab: true));
                        case null or "@none":
                            var lang = def is { HasLanguage: true } ? def.Language : ctx.DefaultLanguage;
                            return Term.Literal(s, null, lang);
                        default:
                            return Term.Literal(s, def.TypeMapping);
                    }
                case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                    var typed = def?.TypeMapping is { } tm && tm is not ("@id" or "@vocab" or "@none") ? tm : null;
                    return Native(item, typed);
                case JsonValueKind.Array:
                    throw new JsonLdException(JsonLdErrorCodes.InvalidSetOrListObject, "lists of lists are only allowed in @list");
                case JsonValueKind.Object:
                    return ObjectValue(item, ctx, def, graph, depth);
                default:
                    return null;
            }
        }

        private Term? ObjectValue(JsonElement obj, ActiveContext ctx, TermDefinition? def, Term? graph, int depth)
        {
            JsonElement? value = null,
                list = null;
            string? type = null,
                language = null;
            var hasLanguage = false;
            foreach (var p in obj.EnumerateObject())
            {
                switch (Keyword(ctx, p.Name))
                {
                    case "@value":
                        value = p.Value;
                        break;
                    case "@list":
                        list = p.Value;
                        break;
                    case "@type":
                        type = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : null;
                        break;
                    case "@language":
                        hasLanguage = true;
                        language =
                            p.Value.ValueKind == JsonValueKind.String
                                ? p.Value.GetString()
                                : throw new JsonLdException(JsonLdErrorCodes.InvalidLanguageTaggedString, "@language must be a string");
                        break;
                }
            }
            if (value is { } v)
            {
                var datatype =
                    type is null ? null
                    : type == "@json" ? "@json"
                    : Expand(ctx, type, vocab: true);
                if (datatype == "@json")
                {
                    return Term.Literal(CanonicalJson(v), Vocab.Rdf.Json);
                }
                if (datatype is not null && !Iri.IsAbsolute(datatype))
                {
                    throw new JsonLdException(JsonLdErrorCodes.InvalidTypedValue, "@type of a value object must be an IRI");
                }
                switch (v.ValueKind)
                {
                    case JsonValueKind.Null:
                        return null;
                    case JsonValueKind.String:
                        if (hasLanguage && datatype is not null)
                        {
                            throw new JsonLdException(
                                JsonLdErrorCodes.InvalidValueObject,
                                "a value object cannot have both @type and @language"
                            );
                        }
                        return datatype is not null ? Term.Literal(v.GetString()!, datatype) : Term.Literal(v.GetString()!, null, language);
                    case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                        if (hasLanguage)
                        {
                            throw new JsonLdException(JsonLdErrorCodes.InvalidLanguageTaggedString, "@language on a non-string value");
                        }
                        return Native(v, datatype);
                    default:
                        throw new JsonLdException(JsonLdErrorCodes.InvalidValueObject, "@value must be a scalar");
                }
            }
            if (list is { } l)
            {
                return List(l, ctx, def, graph, depth + 1);
            }
            if (obj.EnumerateObject().Any(p => Keyword(ctx, p.Name) == "@set"))
            {
                throw new JsonLdException(JsonLdErrorCodes.InvalidSetOrListObject, "a @set object cannot be a single value here");
            }
            return Node(obj, ctx, graph, def, depth: depth + 1);
        }

        /// <summary>Native JSON numbers and booleans (JSON-LD 1.1 API §8.6 step 10).</summary>
        private static Term Native(JsonElement v, string? datatype)
        {
            if (v.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                return Term.Literal(v.ValueKind == JsonValueKind.True ? "true" : "false", datatype ?? Vocab.Xsd.Boolean);
            }
            var d = v.GetDouble();
            if (d % 1 == 0 && Math.Abs(d) < 1e21 && datatype != Vocab.Xsd.Double)
            {
                var lexical = v.TryGetInt64(out var n)
                    ? n.ToString(CultureInfo.InvariantCulture)
                    : d.ToString("F0", CultureInfo.InvariantCulture);
                return Term.Literal(lexical, datatype ?? Vocab.Xsd.Integer);
            }
            return Term.Literal(d.ToString("0.0###############E0", CultureInfo.InvariantCulture), datatype ?? Vocab.Xsd.Double);
        }

        private IEnumerable<JsonElement> Items(JsonElement value)
        {
            if (value.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in value.EnumerateArray())
                {
                    foreach (var inner in Items(item))
                    {
                        yield return inner;
                    }
                }
            }
            else if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("@set", out var set))
            {
                foreach (var inner in Items(set))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return value;
            }
        }
    }

    /// <summary>JSON Canonicalization Scheme (RFC 8785) form, the lexical form of <c>rdf:JSON</c> literals.</summary>
    internal static string CanonicalJson(JsonElement element)
    {
        var sb = new StringBuilder();
        Write(element, sb);
        return sb.ToString();

        static void Write(JsonElement e, StringBuilder sb)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    sb.Append('{');
                    var first = true;
                    foreach (var p in e.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                    {
                        if (!first)
                        {
                            sb.Append(',');
                        }
                        first = false;
                        WriteString(p.Name, sb);
                        sb.Append(':');
                        Write(p.Value, sb);
                    }
                    sb.Append('}');
                    break;
                case JsonValueKind.Array:
                    sb.Append('[');
                    var firstItem = true;
                    foreach (var item in e.EnumerateArray())
                    {
                        if (!firstItem)
                        {
                            sb.Append(',');
                        }
                        firstItem = false;
                        Write(item, sb);
                    }
                    sb.Append(']');
                    break;
                case JsonValueKind.String:
                    WriteString(e.GetString()!, sb);
                    break;
                case JsonValueKind.Number:
                    var d = e.GetDouble();
                    sb.Append(
                        d % 1 == 0 && Math.Abs(d) < 1e21
                            ? d.ToString("F0", CultureInfo.InvariantCulture)
                            : d.ToString("R", CultureInfo.InvariantCulture)
                                .Replace("E+", "e+", StringComparison.Ordinal)
                                .Replace("E-", "e-", StringComparison.Ordinal)
                    );
                    break;
                default:
                    sb.Append(e.GetRawText());
                    break;
            }
        }

        static void WriteString(string s, StringBuilder sb)
        {
            sb.Append('"');
            foreach (var c in s)
            {
                switch (c)
                {
                    case '"':
                        sb.Append("\\\"");
                        break;
                    case '\\':
                        sb.Append("\\\\");
                        break;
                    case '\b':
                        sb.Append("\\b");
                        break;
                    case '\f':
                        sb.Append("\\f");
                        break;
                    case '\n':
                        sb.Append("\\n");
                        break;
                    case '\r':
                        sb.Append("\\r");
                        break;
                    case '\t':
                        sb.Append("\\t");
                        break;
                    default:
                        if (c < 0x20)
                        {
                            sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            sb.Append(c);
                        }
                        break;
                }
            }
            sb.Append('"');
        }
    }
}
