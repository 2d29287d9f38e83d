using System.Text.Json;

namespace GaiaX.Oid4vc.Compliance.Filters;

/// <summary>
/// Reads Gaia-X terms from a credential's compact JSON-LD. Credentials write Gaia-X terms as
/// <c>gx:term</c>, as full IRIs, or bare under the Gaia-X context's <c>@vocab</c>; the rules compare
/// the local name so that all three spellings mean the same.
/// </summary>
internal static class CredentialJson
{
    /// <summary>The local name of a Gaia-X term in any ontology version's namespace; any other term unchanged.</summary>
    public static string LocalName(string term)
    {
        if (term.StartsWith("gx:", StringComparison.Ordinal))
        {
            return term[3..];
        }
        if (!term.StartsWith(Ontologies.OntologyVersion.GaiaXNamespacePrefix, StringComparison.Ordinal))
        {
            return term;
        }
        var hash = term.IndexOf('#', Ontologies.OntologyVersion.GaiaXNamespacePrefix.Length);
        return hash < 0 ? term : term[(hash + 1)..];
    }

    public static IReadOnlyList<string> Types(JsonElement node)
    {
        if (node.ValueKind != JsonValueKind.Object)
        {
            return [];
        }
        if (!node.TryGetProperty("type", out var type) && !node.TryGetProperty("@type", out type))
        {
            return [];
        }
        return type.ValueKind switch
        {
            JsonValueKind.String => [LocalName(type.GetString()!)],
            JsonValueKind.Array => type.EnumerateArray()
                .Where(t => t.ValueKind == JsonValueKind.String)
                .Select(t => LocalName(t.GetString()!))
                .ToArray(),
            _ => [],
        };
    }

    public static string? IssuerId(JsonElement payload)
    {
        if (!payload.TryGetProperty("issuer", out var issuer))
        {
            return null;
        }
        return issuer.ValueKind switch
        {
            JsonValueKind.String => issuer.GetString(),
            JsonValueKind.Object => Id(issuer),
            _ => null,
        };
    }

    public static string? Id(JsonElement node)
    {
        if (node.ValueKind == JsonValueKind.String)
        {
            return node.GetString();
        }
        if (node.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        if (node.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
        {
            return id.GetString();
        }
        return node.TryGetProperty("@id", out id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
    }

    public static IEnumerable<JsonElement> Subjects(JsonElement payload)
    {
        if (!payload.TryGetProperty("credentialSubject", out var subject))
        {
            yield break;
        }
        if (subject.ValueKind == JsonValueKind.Object)
        {
            yield return subject;
        }
        else if (subject.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in subject.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object)
                {
                    yield return item;
                }
            }
        }
    }

    /// <summary>Every value of a Gaia-X property (any spelling), flattening arrays.</summary>
    public static IEnumerable<JsonElement> Values(JsonElement node, string gaiaxTerm)
    {
        if (node.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }
        foreach (var property in node.EnumerateObject())
        {
            if (LocalName(property.Name) != gaiaxTerm)
            {
                continue;
            }
            if (property.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in property.Value.EnumerateArray())
                {
                    yield return item;
                }
            }
            else
            {
                yield return property.Value;
            }
        }
    }

    /// <summary>A literal value: a JSON string, or a value object's <c>@value</c>.</summary>
    public static string? Literal(JsonElement value) =>
        value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Object when value.TryGetProperty("@value", out var inner) && inner.ValueKind == JsonValueKind.String =>
                inner.GetString(),
            _ => null,
        };
}
