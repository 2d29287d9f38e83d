using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;

namespace GaiaX.Oid4vc.Testing;

/// <summary>
/// Reads a service's OpenAPI document the way a client generator does and lists what would make the
/// generated client wrong: an operation without a success response or its schema, without the error
/// responses its endpoint can give, without the security requirement its endpoint enforces, a JSON body
/// documented as an object without members (a generated client could not read a single field of it), or
/// a route the service serves that the document does not describe at all. The documents under
/// <c>/.well-known/</c> are defined by their specifications and open to extension, so they may stay untyped.
/// </summary>
public static class OpenApiDocumentCheck
{
    private static readonly string[] Methods = ["get", "post", "put", "delete", "patch"];

    /// <summary>Routes that are infrastructure, not API: Dapr's, the probes and the documents themselves.</summary>
    private static readonly string[] ExcludedPrefixes = ["/dapr/", "/events/", "/openapi/", "/healthz", "/readyz", "/scalar", "/metrics"];

    public static IReadOnlyList<string> Problems(JsonNode document, EndpointDataSource endpoints)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(endpoints);
        var problems = new List<string>();
        var paths = document["paths"]?.AsObject() ?? [];

        foreach (var endpoint in endpoints.Endpoints.OfType<RouteEndpoint>())
        {
            var template = Template(endpoint);
            // Path-aware duplicates of the well-known documents are left out of the document on purpose.
            var excluded =
                endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IExcludeFromDescriptionMetadata>() is
                { ExcludeFromDescription: true };
            if (ExcludedPrefixes.Any(p => template.StartsWith(p, StringComparison.Ordinal)) || excluded)
            {
                continue;
            }
            var documentPath = template.TrimEnd('/') is { Length: > 0 } trimmed ? trimmed : "/";
            var verbs = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [];
            foreach (var verb in verbs)
            {
                var operation = paths[documentPath]?[verb.ToLowerInvariant()];
                var name = $"{verb} {documentPath}";
                if (operation is null)
                {
                    problems.Add($"{name}: served but missing from the document");
                    continue;
                }
                var needsAuth =
                    endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0
                    && endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null;
                var typed = !documentPath.StartsWith("/.well-known/", StringComparison.Ordinal);
                Check(name, operation.AsObject(), needsAuth, document, typed, problems);
            }
        }
        foreach (var (path, item) in paths)
        {
            foreach (var (method, _) in item!.AsObject().Where(p => Methods.Contains(p.Key)))
            {
                if (!endpoints.Endpoints.OfType<RouteEndpoint>().Any(e => Template(e).TrimEnd('/') == path.TrimEnd('/')))
                {
                    problems.Add($"{method.ToUpperInvariant()} {path}: documented but not served");
                }
            }
        }
        return problems;
    }

    private static string Template(RouteEndpoint endpoint) =>
        "/" + (endpoint.RoutePattern.RawText ?? string.Empty).TrimStart('/').Replace("{**", "{", StringComparison.Ordinal);

    private static void Check(string name, JsonObject operation, bool needsAuth, JsonNode document, bool typed, List<string> problems)
    {
        var schemes = document["components"]?["securitySchemes"]?.AsObject();
        if (typed)
        {
            foreach (var (status, response) in operation["responses"]?.AsObject() ?? [])
            {
                if (status[0] is '2' && UntypedJson(response?["content"], document))
                {
                    problems.Add($"{name}: success response {status} is JSON without a schema of its members");
                }
            }
            if (UntypedJson(operation["requestBody"]?["content"], document))
            {
                problems.Add($"{name}: JSON request body without a schema of its members");
            }
        }
        var responses = operation["responses"]?.AsObject() ?? [];
        var success = responses.Where(r => r.Key.Length == 3 && r.Key[0] is '2' or '3').ToList();
        if (success.Count == 0)
        {
            problems.Add($"{name}: no success response");
        }
        foreach (var (status, response) in success)
        {
            if (status is not ("204" or "302" or "303" or "307") && response?["content"]?.AsObject() is not { Count: > 0 } content)
            {
                problems.Add($"{name}: success response {status} has no content schema");
            }
            else if (
                status is not ("204" or "302" or "303" or "307")
                && response!["content"]!.AsObject().Any(c => c.Value?["schema"] is null)
            )
            {
                problems.Add($"{name}: success response {status} has a media type without a schema");
            }
        }
        var takesInput = operation["requestBody"] is not null || operation["parameters"]?.AsArray() is { Count: > 0 };
        if (takesInput && !responses.ContainsKey("400"))
        {
            problems.Add($"{name}: takes input but documents no 400");
        }
        if (!responses.ContainsKey("503"))
        {
            problems.Add($"{name}: documents no 503 (a dependency outage)");
        }
        foreach (var (status, response) in responses.Where(r => r.Key[0] is '4' or '5'))
        {
            if (response?["content"]?.AsObject() is not { Count: > 0 })
            {
                problems.Add($"{name}: error response {status} has no content schema");
            }
        }
        if (needsAuth)
        {
            var security = operation["security"]?.AsArray();
            if (security is not { Count: > 0 })
            {
                problems.Add($"{name}: requires authorization but has no security requirement");
            }
            else if (security.SelectMany(s => s!.AsObject().Select(p => p.Key)).Any(scheme => schemes?.ContainsKey(scheme) != true))
            {
                problems.Add($"{name}: security requirement names a scheme the document does not define");
            }
            if (!responses.ContainsKey("401") || !responses.ContainsKey("403"))
            {
                problems.Add($"{name}: requires authorization but documents no 401 and 403");
            }
        }
    }

    /// <summary>Whether a JSON media type of <paramref name="content"/> has a schema that names no members.</summary>
    private static bool UntypedJson(JsonNode? content, JsonNode document) =>
        content
            ?.AsObject()
            .Any(media =>
                (media.Key == "application/json" || media.Key.EndsWith("+json", StringComparison.Ordinal))
                && !Members(media.Value?["schema"], document)
            ) == true;

    private static bool Members(JsonNode? schema, JsonNode document) =>
        OpenApiResponseCheck.Resolve(schema, document)?["properties"]?.AsObject() is { Count: > 0 };
}
