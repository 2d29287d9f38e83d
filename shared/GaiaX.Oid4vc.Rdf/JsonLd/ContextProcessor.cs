using System.Text.Json;

namespace GaiaX.Oid4vc.Rdf.JsonLd;

/// <summary>Context processing (JSON-LD 1.1 API §4.1–4.2) and IRI expansion (§5.2).</summary>
internal sealed class ContextProcessor(IDocumentLoader loader)
{
    private const int MaxRemoteContexts = 32;

    public ActiveContext Process(
        ActiveContext active,
        JsonElement local,
        string? baseUrl,
        bool overrideProtected = false,
        bool propagate = true,
        object? cacheKey = null
    ) => Process(active, local, baseUrl, new List<string>(), overrideProtected, propagate, cacheKey);

    private ActiveContext Process(
        ActiveContext active,
        JsonElement local,
        string? baseUrl,
        List<string> remote,
        bool overrideProtected,
        bool propagate,
        object? cacheKey
    )
    {
        if (cacheKey is not null && active.TryGetDerived(cacheKey, overrideProtected, propagate, out var cached))
        {
            return cached;
        }
        if (local.ValueKind == JsonValueKind.Object && local.TryGetProperty("@propagate", out var prop))
        {
            if (prop.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                throw new JsonLdException(JsonLdErrorCodes.InvalidPropagateValue, "@propagate must be a boolean");
            }
            propagate = prop.ValueKind == JsonValueKind.True;
        }
        // Shareable only when the inputs are pinned (a cache key) and the base context is shareable.
        var shareable = cacheKey is not null && active.Shareable;
        var result = active.Clone(shareable);
        if (!propagate && result.PreviousContext is null)
        {
            result.PreviousContext = active;
        }
        if (local.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in local.EnumerateArray())
            {
                result = ProcessOne(result, item, baseUrl, remote, overrideProtected, propagate, shareable);
            }
        }
        else
        {
            result = ProcessOne(result, local, baseUrl, remote, overrideProtected, propagate, shareable);
        }
        if (cacheKey is not null)
        {
            active.AddDerived(cacheKey, overrideProtected, propagate, result);
        }
        return result;
    }

    private ActiveContext ProcessOne(
        ActiveContext result,
        JsonElement context,
        string? baseUrl,
        List<string> remote,
        bool overrideProtected,
        bool propagate,
        bool shareable
    )
    {
        switch (context.ValueKind)
        {
            case JsonValueKind.Null:
                if (!overrideProtected && result.HasProtectedTerms)
                {
                    throw new JsonLdException(
                        JsonLdErrorCodes.InvalidContextNullification,
                        "a context with protected terms cannot be nullified"
                    );
                }
                var fresh = new ActiveContext(shareable: false)
                {
                    BaseIri = result.OriginalBaseIri,
                    OriginalBaseIri = result.OriginalBaseIri,
                };
                if (!propagate)
                {
                    fresh.PreviousContext = result;
                }
                return fresh;
            case JsonValueKind.String:
                var url = Iri.Resolve(baseUrl, context.GetString()!);
                if (remote.Count >= MaxRemoteContexts)
                {
                    throw new JsonLdException(JsonLdErrorCodes.ContextOverflow, "too many nested remote contexts");
                }
                var doc = loader.LoadDocument(url);
                if (doc.Document.ValueKind != JsonValueKind.Object || !doc.Document.TryGetProperty("@context", out var remoteContext))
                {
                    throw new JsonLdException(JsonLdErrorCodes.InvalidRemoteContext, url + " has no @context");
                }
                if (result.TryGetDerived(doc, overrideProtected, propagate, out var hit))
                {
                    return hit;
                }
                remote.Add(url);
                var processed = Process(result, remoteContext, doc.Url, remote, overrideProtected, propagate, cacheKey: doc);
                remote.RemoveAt(remote.Count - 1);
                return processed;
            case JsonValueKind.Object:
                return ProcessObject(result, context, baseUrl, remote, overrideProtected, shareable);
            default:
                throw new JsonLdException(JsonLdErrorCodes.InvalidLocalContext, "a context must be an object, a string, null or an array");
        }
    }

    private ActiveContext ProcessObject(
        ActiveContext input,
        JsonElement context,
        string? baseUrl,
        List<string> remote,
        bool overrideProtected,
        bool shareable
    )
    {
        // A shared (cached) context is never modified: definitions go into a copy, shareable only when
        // this object itself comes from a pinned document.
        var result = input.Shareable ? input.Clone(shareable) : input;
        if (
            context.TryGetProperty("@version", out var version)
            && !(version.ValueKind == JsonValueKind.Number && version.GetDouble() == 1.1)
        )
        {
            throw new JsonLdException(JsonLdErrorCodes.InvalidVersionValue, "@version must be 1.1");
        }
        var local = context;
        Dictionary<string, JsonElement>? imported = null;
        if (context.TryGetProperty("@import", out var import))
        {
            if (import.ValueKind != JsonValueKind.String)
            {
                throw new JsonLdException(JsonLdErrorCodes.InvalidImportValue, "@import must be a string");
            }
            var doc = loader.LoadDocument(Iri.Resolve(baseUrl, import.GetString()!));
            if (!doc.Document.TryGetProperty("@context", out var importedContext) || importedContext.ValueKind != JsonValueKind.Object)
            {
                throw new JsonLdException(JsonLdErrorCodes.InvalidRemoteContext, "imported context must be an object");
            }
            imported = importedContext.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
        }
        var entries = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (imported is not null)
        {
            foreach (var kv in imported)
            {
                entries[kv.Key] = kv.Value;
            }
        }
        foreach (var p in local.EnumerateObject())
        {
            entries[p.Name] = p.Value;
        }
        if (entries.TryGetValue("@base", out var baseValue) && remote.Count == 0)
        {
            if (baseValue.ValueKind == JsonValueKind.Null)
            {
                result.BaseIri = null;
            }
            else if (baseValue.ValueKind == JsonValueKind.String)
            {
                var b = baseValue.GetString()!;
                result.BaseIri =
                    Iri.IsAbsolute(b) ? b
                    : result.BaseIri is not null ? Iri.Resolve(result.BaseIri, b)
                    : throw new JsonLdException(JsonLdErrorCodes.InvalidBaseIri, "relative @base without a base IRI");
            }
            else
            {
                throw new JsonLdException(JsonLdErrorCodes.InvalidBaseIri, "@base must be a string or null");
            }
        }
        if (entries.TryGetValue("@vocab", out var vocab))
        {
            if (vocab.ValueKind == JsonValueKind.Null)
            {
                result.Vocab = null;
            }
            else if (vocab.ValueKind == JsonValueKind.String)
            {
                var v = vocab.GetString()!;
                var expanded = ExpandIri(result, v, documentRelative: true, vocab: true);
                if (
                    expanded is null
                    || (!Iri.IsAbsolute(expanded) && !expanded.StartsWith("_:", StringComparison.Ordinal) && expanded.Length > 0)
                )
                {
                    throw new JsonLdException(JsonLdErrorCodes.InvalidVocabMapping, "@vocab must be an IRI: " + v);
                }
                result.Vocab = expanded;
            }
            else
            {
                throw new JsonLdException(JsonLdErrorCodes.InvalidVocabMapping, "@vocab must be a string or null");
            }
        }
        if (entries.TryGetValue("@language", out var language))
        {
            result.DefaultLanguage = language.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String => language.GetString()!.ToLowerInvariant(),
                _ => throw new JsonLdException(JsonLdErrorCodes.InvalidDefaultLanguage, "@language must be a string or null"),
            };
        }
        var protectedDefault = entries.TryGetValue("@protected", out var prot) && prot.ValueKind == JsonValueKind.True;
        var defined = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var key in entries.Keys)
        {
            if (key is "@base" or "@direction" or "@import" or "@language" or "@propagate" or "@protected" or "@version" or "@vocab")
            {
                continue;
            }
            CreateTermDefinition(result, entries, key, defined, baseUrl, protectedDefault, overrideProtected);
        }
        return result;
    }

    public void CreateTermDefinition(
        ActiveContext active,
        Dictionary<string, JsonElement> local,
        string term,
        Dictionary<string, bool> defined,
        string? baseUrl,
        bool protectedDefault,
        bool overrideProtected
    )
    {
        if (defined.TryGetValue(term, out var done))
        {
            if (done)
            {
                return;
            }
            throw new JsonLdException(JsonLdErrorCodes.CyclicIriMapping, term);
        }
        if (term.Length == 0)
        {
            throw new JsonLdException(JsonLdErrorCodes.InvalidTermDefinition, "empty term");
        }
        defined[term] = false;
        var value = local[term];
        if (term == "@type")
        {
            if (value.ValueKind != JsonValueKind.Object || value.EnumerateObject().Any(p => p.Name is not ("@container" or "@protected")))
            {
                throw new JsonLdException(JsonLdErrorCodes.KeywordRedefinition, "@type");
            }
        }
        else if (Keywords.IsKeyword(term))
        {
            throw new JsonLdException(JsonLdErrorCodes.KeywordRedefinition, term);
        }
        else if (Keywords.LooksLikeKeyword(term))
        {
            defined[term] = true;
            return;
        }
        active.Terms.Remove(term, out var previous);
        var simpleTerm = false;
        JsonElement definition;
        if (value.ValueKind == JsonValueKind.Null)
        {
            definition = default;
        }
        else if (value.ValueKind == JsonValueKind.String)
        {
            simpleTerm = true;
            definition = value;
        }
        else if (value.ValueKind == JsonValueKind.Object)
        {
            definition = value;
        }
        else
        {
            throw new JsonLdException(JsonLdErrorCodes.InvalidTermDefinition, term);
        }
        var def = new TermDefinition { Protected = protectedDefault };
        string? idValue = null;
        var hasId = false;
        if (value.ValueKind == JsonValueKind.Null)
        {
            hasId = true;
        }
        else if (simpleTerm)
        {
            hasId = true;
            idValue = value.GetString();
        }
        else
        {
            foreach (var p in definition.EnumerateObject())
            {
                switch (p.Name)
                {
                    case "@id":
                        hasId = true;
                        idValue = p.Value.ValueKind switch
                        {
                            JsonValueKind.Null => null,
                            JsonValueKind.String => p.Value.GetString(),
                            _ => throw new JsonLdException(JsonLdErrorCodes.InvalidIriMapping, term),
                        };
                        break;
                    case "@protected":
                        def.Protected = p.Value.ValueKind == JsonValueKind.True;
                        break;
                    case "@type":
                        if (p.Value.ValueKind != JsonValueKind.String)
                        {
                            throw new JsonLdException(JsonLdErrorCodes.InvalidTypeMapping, term);
                        }
                        var type = ExpandIri(active, p.Value.GetString()!, false, true, local, defined, baseUrl);
                        if (type is null || (type is not ("@id" or "@vocab" or "@json" or "@none") && !Iri.IsAbsolute(type)))
                        {
                            throw new JsonLdException(JsonLdErrorCodes.InvalidTypeMapping, term + ": " + p.Value.GetString());
                        }
                        def.TypeMapping = type;
                        break;
                    case "@reverse":
                        if (p.Value.ValueKind != JsonValueKind.String)
                        {
                            throw new JsonLdException(JsonLdErrorCodes.InvalidIriMapping, term);
                        }
                        var reverse = ExpandIri(active, p.Value.GetString()!, false, true, local, defined, baseUrl);
                        if (reverse is null || (!Iri.IsAbsolute(reverse) && !reverse.StartsWith("_:", StringComparison.Ordinal)))
                        {
                            throw new JsonLdException(JsonLdErrorCodes.InvalidIriMapping, term);
                        }
                        def.IriMapping = reverse;
                        def.Reverse = true;
                        break;
                    case "@container":
                        def.Container = ParseContainer(term, p.Value);
                        break;
                    case "@context":
                        def.Context = p.Value;
                        def.ContextBase = baseUrl;
                        break;
                    case "@language":
                        def.HasLanguage = true;
                        def.Language = p.Value.ValueKind switch
                        {
                            JsonValueKind.Null => null,
                            JsonValueKind.String => p.Value.GetString()!.ToLowerInvariant(),
                            _ => throw new JsonLdException(JsonLdErrorCodes.InvalidLanguageMapping, term),
                        };
                        break;
                    case "@direction" or "@index":
                        break;
                    case "@nest":
                        if (
                            p.Value.ValueKind != JsonValueKind.String
                            || (Keywords.IsKeyword(p.Value.GetString()!) && p.Value.GetString() != "@nest")
                        )
                        {
                            throw new JsonLdException(JsonLdErrorCodes.InvalidNestValue, term);
                        }
                        def.Nest = p.Value.GetString();
                        break;
                    case "@prefix":
                        if (
                            term.Contains(':', StringComparison.Ordinal)
                            || term.Contains('/', StringComparison.Ordinal)
                            || p.Value.ValueKind is not (JsonValueKind.True or JsonValueKind.False)
                        )
                        {
                            throw new JsonLdException(JsonLdErrorCodes.InvalidPrefixValue, term);
                        }
                        def.Prefix = p.Value.ValueKind == JsonValueKind.True;
                        break;
                    default:
                        throw new JsonLdException(JsonLdErrorCodes.InvalidTermDefinition, $"{term} has an unknown entry {p.Name}");
                }
            }
        }
        if (def.Reverse)
        {
            if (hasId)
            {
                throw new JsonLdException(JsonLdErrorCodes.InvalidReverseProperty, term);
            }
        }
        else if (hasId && idValue != term)
        {
            if (idValue is null)
            {
                def.IriMapping = null;
            }
            else if (!Keywords.IsKeyword(idValue) && Keywords.LooksLikeKeyword(idValue))
            {
                defined[term] = true;
                return;
            }
            else
            {
                var iri = ExpandIri(active, idValue, false, true, local, defined, baseUrl);
                if (iri is null || (!Keywords.IsKeyword(iri) && !Iri.IsAbsolute(iri) && !iri.StartsWith("_:", StringComparison.Ordinal)))
                {
                    throw new JsonLdException(JsonLdErrorCodes.InvalidIriMapping, $"{term} → {idValue}");
                }
                if (iri == "@context")
                {
                    throw new JsonLdException(JsonLdErrorCodes.InvalidKeywordAlias, term);
                }
                def.IriMapping = iri;
                var colon = term.IndexOf(':', 1);
                if ((colon > 0 && colon < term.Length - 1) || term.Contains('/', StringComparison.Ordinal))
                {
                    defined[term] = true;
                    var self = ExpandIri(active, term, false, true, local, defined, baseUrl);
                    if (self != iri)
                    {
                        throw new JsonLdException(JsonLdErrorCodes.InvalidIriMapping, $"{term} must expand to its own IRI");
                    }
                }
                if (
                    !term.Contains(':', StringComparison.Ordinal)
                    && !term.Contains('/', StringComparison.Ordinal)
                    && simpleTerm
                    && iri.Length > 0
                    && ":/?#[]@".Contains(iri[^1], StringComparison.Ordinal)
                )
                {
                    def.Prefix = true;
                }
            }
        }
        else if (term.IndexOf(':', 1) is var c && c > 0)
        {
            var prefix = term[..c];
            if (local.ContainsKey(prefix))
            {
                CreateTermDefinition(active, local, prefix, defined, baseUrl, protectedDefault, overrideProtected);
            }
            def.IriMapping =
                active.Terms.TryGetValue(prefix, out var prefixDef) && prefixDef.IriMapping is not null
                    ? prefixDef.IriMapping + term[(c + 1)..]
                    : term;
        }
        else if (term.Contains('/', StringComparison.Ordinal))
        {
            def.IriMapping = ExpandIri(active, term, false, true, local, defined, baseUrl);
        }
        else if (term == "@type")
        {
            def.IriMapping = "@type";
        }
        else if (active.Vocab is not null)
        {
            def.IriMapping = active.Vocab + term;
        }
        else
        {
            throw new JsonLdException(JsonLdErrorCodes.InvalidIriMapping, $"{term} has no IRI and there is no @vocab");
        }
        if (!overrideProtected && previous is { Protected: true })
        {
            if (!def.SameAs(previous))
            {
                throw new JsonLdException(JsonLdErrorCodes.ProtectedTermRedefinition, term);
            }
            def = previous;
        }
        active.Terms[term] = def;
        defined[term] = true;
    }

    private static Containers ParseContainer(string term, JsonElement value)
    {
        var result = Containers.None;
        IEnumerable<JsonElement> items = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : [value];
        foreach (var item in items)
        {
            result |=
                item.ValueKind != JsonValueKind.String
                    ? throw new JsonLdException(JsonLdErrorCodes.InvalidContainerMapping, term)
                    : item.GetString() switch
                    {
                        "@list" => Containers.List,
                        "@set" => Containers.Set,
                        "@language" => Containers.Language,
                        "@index" => Containers.Index,
                        "@graph" => Containers.Graph,
                        "@id" => Containers.Id,
                        "@type" => Containers.Type,
                        _ => throw new JsonLdException(JsonLdErrorCodes.InvalidContainerMapping, term),
                    };
        }
        if ((result & Containers.List) != 0 && result != Containers.List)
        {
            throw new JsonLdException(JsonLdErrorCodes.InvalidContainerMapping, term + ": @list cannot be combined");
        }
        return result;
    }

    /// <summary>IRI expansion (§5.2). Returns null when the value maps to nothing.</summary>
    public string? ExpandIri(
        ActiveContext active,
        string value,
        bool documentRelative,
        bool vocab,
        Dictionary<string, JsonElement>? local = null,
        Dictionary<string, bool>? defined = null,
        string? baseUrl = null
    )
    {
        if (Keywords.IsKeyword(value))
        {
            return value;
        }
        if (Keywords.LooksLikeKeyword(value))
        {
            return null;
        }
        if (local is not null && defined is not null && local.ContainsKey(value) && (!defined.TryGetValue(value, out var d) || !d))
        {
            CreateTermDefinition(active, local, value, defined, baseUrl, false, false);
        }
        if (active.Terms.TryGetValue(value, out var def))
        {
            if (def.IriMapping is not null && Keywords.IsKeyword(def.IriMapping))
            {
                return def.IriMapping;
            }
            if (vocab)
            {
                return def.IriMapping;
            }
        }
        var colon = value.IndexOf(':', 1);
        if (colon > 0)
        {
            var prefix = value[..colon];
            var suffix = value[(colon + 1)..];
            if (prefix == "_" || suffix.StartsWith("//", StringComparison.Ordinal))
            {
                return value;
            }
            if (local is not null && defined is not null && local.ContainsKey(prefix) && (!defined.TryGetValue(prefix, out var pd) || !pd))
            {
                CreateTermDefinition(active, local, prefix, defined, baseUrl, false, false);
            }
            if (active.Terms.TryGetValue(prefix, out var prefixDef) && prefixDef.IriMapping is not null && prefixDef.Prefix)
            {
                return prefixDef.IriMapping + suffix;
            }
            if (Iri.IsAbsolute(value))
            {
                return value;
            }
        }
        if (vocab && active.Vocab is not null)
        {
            return active.Vocab + value;
        }
        if (documentRelative)
        {
            return Iri.Resolve(active.BaseIri, value);
        }
        return value;
    }
}

internal static class Keywords
{
    private static readonly HashSet<string> All = new(StringComparer.Ordinal)
    {
        "@base",
        "@container",
        "@context",
        "@direction",
        "@graph",
        "@id",
        "@import",
        "@included",
        "@index",
        "@json",
        "@language",
        "@list",
        "@nest",
        "@none",
        "@prefix",
        "@propagate",
        "@protected",
        "@reverse",
        "@set",
        "@type",
        "@value",
        "@version",
        "@vocab",
    };

    public static bool IsKeyword(string s) => s.Length > 1 && s[0] == '@' && All.Contains(s);

    /// <summary>The form <c>@</c> followed by ASCII letters only, reserved for future keywords.</summary>
    public static bool LooksLikeKeyword(string s)
    {
        if (s.Length < 2 || s[0] != '@')
        {
            return false;
        }
        for (var i = 1; i < s.Length; i++)
        {
            if (!char.IsAsciiLetter(s[i]))
            {
                return false;
            }
        }
        return true;
    }
}
