using System.Text.Json;

namespace GaiaX.Oid4vc.Rdf.JsonLd;

/// <summary>
/// The fully expanded <c>type</c> values of a JSON-LD object (a W3C credential or presentation), as
/// DCQL's <c>type_values</c> compares them (OpenID4VP 1.0 appendix B.1.1): each value expanded as a
/// vocabulary IRI against the object's own <c>@context</c>. A value no context defines stays as it
/// is (a relative IRI), as JSON-LD processing would leave it.
/// </summary>
public static class JsonLdTypes
{
    /// <summary>
    /// The expanded types of <paramref name="document"/>, in order. When its <c>@context</c> cannot be
    /// processed (a context the loader does not hold, a malformed one) the values are returned
    /// unexpanded, so a query for expanded IRIs does not match them.
    /// </summary>
    public static IReadOnlyList<string> Expand(JsonElement document, IDocumentLoader loader)
    {
        ArgumentNullException.ThrowIfNull(loader);
        var types = Raw(document);
        if (types.Count == 0 || document.ValueKind != JsonValueKind.Object || !document.TryGetProperty("@context", out var context))
        {
            return types;
        }
        var processor = new ContextProcessor(loader);
        ActiveContext active;
        try
        {
            // A context of URLs only (what issuers send) is processed once per list: the loader serves
            // only pinned documents, so the cache stays as small as the set of known context lists.
            // An inline context is processed each time, so no one fills the cache with made-up ones.
            active = processor.Process(ActiveContext.Initial, context, baseUrl: null, cacheKey: CacheKey(context));
        }
        catch (JsonLdException)
        {
            return types;
        }
        var expanded = new List<string>(types.Count);
        foreach (var type in types)
        {
            string? iri;
            try
            {
                iri = processor.ExpandIri(active, type, documentRelative: true, vocab: true);
            }
            catch (JsonLdException)
            {
                iri = null;
            }
            expanded.Add(iri ?? type);
        }
        return expanded;
    }

    private static string? CacheKey(JsonElement context)
    {
        if (context.ValueKind == JsonValueKind.String)
        {
            return "types:" + context.GetString();
        }
        if (
            context.ValueKind != JsonValueKind.Array
            || context.GetArrayLength() > 8
            || context.EnumerateArray().Any(c => c.ValueKind != JsonValueKind.String)
        )
        {
            return null;
        }
        return "types:" + string.Join(' ', context.EnumerateArray().Select(c => c.GetString()));
    }

    /// <summary>The <c>type</c> values as written (a string or an array of strings).</summary>
    public static IReadOnlyList<string> Raw(JsonElement document)
    {
        if (document.ValueKind != JsonValueKind.Object || !document.TryGetProperty("type", out var type))
        {
            return [];
        }
        return type.ValueKind switch
        {
            JsonValueKind.String => [type.GetString()!],
            JsonValueKind.Array => type.EnumerateArray()
                .Where(t => t.ValueKind == JsonValueKind.String)
                .Select(t => t.GetString()!)
                .ToList(),
            _ => [],
        };
    }
}
