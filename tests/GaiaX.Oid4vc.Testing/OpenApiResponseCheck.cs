using System.Text.Json.Nodes;

namespace GaiaX.Oid4vc.Testing;

/// <summary>
/// Compares what a service really answered with what its OpenAPI document says it answers: every member
/// of the body must be a property of the documented schema, at every depth, or a generated client drops it.
/// </summary>
public static class OpenApiResponseCheck
{
    /// <summary>
    /// The members of <paramref name="body"/>, the answer of <paramref name="method"/> <paramref name="path"/>
    /// with <paramref name="status"/>, that the JSON schema of that response does not name (as JSON Pointers).
    /// </summary>
    public static IReadOnlyList<string> Undocumented(JsonNode document, string path, string method, string status, JsonNode body)
    {
        ArgumentNullException.ThrowIfNull(document);
        var schema = document["paths"]?[path]?[method]?["responses"]?[status]?["content"]?["application/json"]?["schema"];
        return schema is null
            ? [$"{method.ToUpperInvariant()} {path} {status} has no application/json schema"]
            : Walk(body, schema, document, "").ToList();
    }

    private static IEnumerable<string> Walk(JsonNode? value, JsonNode? schema, JsonNode document, string at)
    {
        schema = Resolve(schema, document);
        if (value is JsonObject members && schema?["properties"] is JsonObject properties)
        {
            foreach (var (name, member) in members)
            {
                if (!properties.ContainsKey(name))
                {
                    yield return $"{at}/{name}";
                    continue;
                }
                foreach (var inner in Walk(member, properties[name], document, $"{at}/{name}"))
                {
                    yield return inner;
                }
            }
        }
        else if (value is JsonObject map && schema?["additionalProperties"] is JsonObject values)
        {
            foreach (var (name, member) in map)
            {
                foreach (var inner in Walk(member, values, document, $"{at}/{name}"))
                {
                    yield return inner;
                }
            }
        }
        else if (value is JsonArray items && schema?["items"] is { } itemSchema)
        {
            for (var i = 0; i < items.Count; i++)
            {
                foreach (var inner in Walk(items[i], itemSchema, document, $"{at}/{i}"))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>The schema behind a <c>$ref</c>, or behind the alternative of a nullable <c>oneOf</c> that is not null.</summary>
    public static JsonNode? Resolve(JsonNode? schema, JsonNode document)
    {
        for (var depth = 0; depth < 8; depth++)
        {
            if (schema?["$ref"]?.GetValue<string>() is { } reference)
            {
                schema = document["components"]?["schemas"]?[reference["#/components/schemas/".Length..]];
            }
            else if ((schema?["oneOf"] ?? schema?["anyOf"] ?? schema?["allOf"]) is JsonArray alternatives)
            {
                schema = alternatives.FirstOrDefault(a => (string?)a?["type"] != "null");
            }
            else
            {
                break;
            }
        }
        return schema;
    }
}
