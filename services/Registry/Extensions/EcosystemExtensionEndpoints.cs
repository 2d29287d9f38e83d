using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GaiaX.Oid4vc.Rdf.JsonLd;
using GaiaX.Oid4vc.Rdf.Shacl;
using GaiaX.Oid4vc.Registry.Trust;
using GaiaX.Oid4vc.ServiceDefaults;

namespace GaiaX.Oid4vc.Registry.Extensions;

/// <summary>
/// Ecosystem extensions of the Gaia-X shapes: listed publicly (<c>GET /api/ecosystem-extensions</c>, what the compliance
/// engines read), registered and removed through the management API. An extension is part of the trust list: each change
/// bumps its version and is published as <c>trust-list-changed</c>. Its context must expand and its shapes must compile
/// and target something before it is stored.
/// </summary>
public static class EcosystemExtensionEndpoints
{
    public const string PublicRoute = "/api/ecosystem-extensions";
    private const string ManagementRoute = "/api/management/ecosystem-extensions/{name}";

    /// <summary>How many extensions a registry holds, and how large each part may be.</summary>
    public const int MaxExtensions = 32;

    public const int MaxShapesLength = 128 * 1024;

    public const int MaxContextLength = 64 * 1024;

    public static IEndpointRouteBuilder MapEcosystemExtensionEndpoints(this IEndpointRouteBuilder routes)
    {
        routes
            .MapGet(PublicRoute, ListAsync)
            .WithSummary("The ecosystem extensions: context URL, context and SHACL shapes of each")
            .Produces<EcosystemExtensionsDocument>();
        routes
            .MapPut(ManagementRoute, PutAsync)
            .RequireAuthorization(ManagementScopes.TrustWrite)
            .DisableAntiforgery()
            .AcceptsJsonBody(typeof(EcosystemExtensionBody))
            .WithSummary("Registers or replaces an ecosystem extension")
            .Produces<EcosystemExtensionsDocument>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
        routes
            .MapDelete(ManagementRoute, DeleteAsync)
            .RequireAuthorization(ManagementScopes.TrustWrite)
            .WithSummary("Removes an ecosystem extension")
            .Produces<EcosystemExtensionsDocument>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    private static async Task<IResult> ListAsync(TrustListStore store, CancellationToken cancellationToken) =>
        Results.Json(Document(await store.GetAsync(cancellationToken).ConfigureAwait(false)));

    private static async Task<IResult> PutAsync(string name, HttpRequest http, TrustListStore store, CancellationToken cancellationToken)
    {
        if (!Api.ManagementEndpoints.IsRole(name))
        {
            return Invalid("the name is lower-case letters, digits and dashes, at most 64");
        }
        var (body, problem) = await Api.ManagementEndpoints.ReadAsync(http, cancellationToken).ConfigureAwait(false);
        if (body is not { } json)
        {
            return Invalid(problem!);
        }
        var (extension, refusal) = Parse(name, json);
        if (extension is null)
        {
            return Invalid(refusal!);
        }

        string? conflict = null;
        var (list, _) = await store
            .ChangeAsync(
                current =>
                {
                    conflict = null;
                    if (current.Extensions.FirstOrDefault(e => e.ContextUrl == extension.ContextUrl && e.Name != name) is { } other)
                    {
                        conflict = $"The context {extension.ContextUrl} belongs to the extension '{other.Name}'.";
                        return null;
                    }
                    if (current.Extensions.Any(e => e.Name == name && e.Digest == extension.Digest && e.ContextUrl == extension.ContextUrl))
                    {
                        return null;
                    }
                    if (current.Extensions.Count >= MaxExtensions && current.Extensions.All(e => e.Name != name))
                    {
                        conflict = $"The registry holds {MaxExtensions} extensions already; remove one first.";
                        return null;
                    }
                    return current with { Extensions = [.. current.Extensions.Where(e => e.Name != name), extension] };
                },
                cancellationToken
            )
            .ConfigureAwait(false);
        return conflict is null
            ? Results.Json(Document(list))
            : ProtocolResults.Problem(StatusCodes.Status409Conflict, "Extension not registered", conflict);
    }

    private static async Task<IResult> DeleteAsync(string name, TrustListStore store, CancellationToken cancellationToken)
    {
        var (list, changed) = await store
            .ChangeAsync(
                current =>
                    current.Extensions.Any(e => e.Name == name)
                        ? current with
                        {
                            Extensions = [.. current.Extensions.Where(e => e.Name != name)],
                        }
                        : null,
                cancellationToken
            )
            .ConfigureAwait(false);
        return changed
            ? Results.Json(Document(list))
            : ProtocolResults.Problem(StatusCodes.Status404NotFound, "No such extension", $"No ecosystem extension is named '{name}'.");
    }

    /// <summary>The extension a body describes, or why it cannot be one.</summary>
    internal static (EcosystemExtension? Extension, string? Problem) Parse(string name, JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, "the body must be a JSON object");
        }
        var contextUrl = body.TryGetProperty("contextUrl", out var url) && url.ValueKind == JsonValueKind.String ? url.GetString()! : null;
        if (
            contextUrl is null
            || contextUrl.Length > 2048
            || !Uri.TryCreate(contextUrl, UriKind.Absolute, out var parsedUrl)
            || parsedUrl.Scheme is not ("https" or "http")
        )
        {
            return (null, "contextUrl must be an absolute http(s) URL");
        }
        if (contextUrl.StartsWith("https://w3id.org/gaia-x/", StringComparison.Ordinal) || contextUrl == ContextUrls.CredentialsV2)
        {
            return (null, "contextUrl must be the ecosystem's own, not a Gaia-X or W3C context");
        }
        if (!body.TryGetProperty("context", out var context) || context.ValueKind != JsonValueKind.Object)
        {
            return (null, "context must be the context document, a JSON object with @context");
        }
        var contextText = context.GetRawText();
        if (!context.TryGetProperty("@context", out _) || contextText.Length > MaxContextLength)
        {
            return (null, $"context must hold @context and be at most {MaxContextLength} characters");
        }
        var shapes = body.TryGetProperty("shapes", out var turtle) && turtle.ValueKind == JsonValueKind.String ? turtle.GetString()! : null;
        if (shapes is null || shapes.Length > MaxShapesLength)
        {
            return (null, $"shapes must be the SHACL shapes as Turtle, at most {MaxShapesLength} characters");
        }
        if (ContextProblem(contextUrl, contextText) is { } contextProblem)
        {
            return (null, "context does not process: " + contextProblem);
        }
        try
        {
            var compiled = ShapesGraph.Compile(Rdf.TurtleParser.Parse(shapes));
            if (compiled.TargetedShapeCount == 0)
            {
                return (null, "shapes must hold at least one shape with a target (sh:targetClass, …)");
            }
        }
        catch (Exception e) when (e is FormatException or ShapesGraphException)
        {
            return (null, "shapes do not compile: " + e.Message);
        }
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(contextUrl + "\n" + contextText + "\n" + shapes)));
        return (new EcosystemExtension(name, contextUrl, contextText, shapes, digest), null);
    }

    private static string? ContextProblem(string contextUrl, string contextText)
    {
        try
        {
            var loader = OfflineDocumentLoader.CreateDefault().Pin(contextUrl, contextText);
            var probe = JsonSerializer.Serialize(new Dictionary<string, object> { ["@context"] = contextUrl, ["@id"] = "urn:probe" });
            JsonLdToRdf.ToDataset(probe, loader);
            return null;
        }
        catch (JsonLdException e)
        {
            return e.Message;
        }
    }

    private static EcosystemExtensionsDocument Document(TrustList list) =>
        new(list.Version, list.Extensions.Select(EcosystemExtensionDocument.Of).ToArray());

    private static IResult Invalid(string detail) =>
        ProtocolResults.Problem(StatusCodes.Status400BadRequest, "Invalid ecosystem extension", detail);
}
