using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Registry.Api;

/// <summary>
/// Shapes, ontology and context per Gaia-X ontology version (<c>/shapes/{version}</c>, <c>/owl/{version}</c>,
/// <c>/context/{version}</c>), and the current version's shapes at the Lab registry's path. An unknown version is a 404
/// naming the versions there are.
/// </summary>
public static class OntologyEndpoints
{
    public const string BuiltInVersion = "development";

    public static IEndpointRouteBuilder MapOntologyEndpoints(this IEndpointRouteBuilder routes)
    {
        routes
            .MapGet("/api/trusted-shape-registry/v1/shapes/trustframework", (IOptions<RegistryOptions> options) =>
                Shapes(options.Value.CurrentOntologyVersion, options)
            )
            .WithSummary("The SHACL shapes of the current ontology version (Gaia-X Registry API)")
            .Produces<string>(StatusCodes.Status200OK, "text/turtle");
        routes
            .MapGet("/shapes/{version}", (string version, IOptions<RegistryOptions> options) => Shapes(version, options))
            .WithSummary("The SHACL shapes of an ontology version")
            .Produces<string>(StatusCodes.Status200OK, "text/turtle")
            .ProducesProblem(StatusCodes.Status404NotFound);
        routes
            .MapGet("/owl/{version}", (string version, IOptions<RegistryOptions> options) =>
                File(version, options, o => o.OntologyPath, "text/turtle")
            )
            .WithSummary("The OWL ontology of an ontology version")
            .Produces<string>(StatusCodes.Status200OK, "text/turtle")
            .ProducesProblem(StatusCodes.Status404NotFound);
        routes
            .MapGet("/context/{version}", (string version, IOptions<RegistryOptions> options) =>
                File(version, options, o => o.ContextPath, "application/ld+json")
            )
            .WithSummary("The JSON-LD context of an ontology version")
            .Produces<ContextDocument>(StatusCodes.Status200OK, "application/ld+json")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    private static IResult Shapes(string version, IOptions<RegistryOptions> options)
    {
        if (version == BuiltInVersion && !options.Value.Ontologies.ContainsKey(BuiltInVersion))
        {
            return Results.Text(Rdf.GaiaX.GaiaXShapes.RepositoryProfileTurtle, "text/turtle");
        }
        return File(version, options, o => o.ShapesPath, "text/turtle");
    }

    private static IResult File(
        string version,
        IOptions<RegistryOptions> options,
        Func<OntologyVersionOptions, string?> path,
        string mediaType
    )
    {
        var versions = options.Value.Ontologies;
        if (!versions.TryGetValue(version, out var files) || path(files) is not { Length: > 0 } file)
        {
            var known = string.Join(
                ", ",
                versions.Keys.Append(BuiltInVersion).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            );
            return ServiceDefaults.ProtocolResults.Problem(
                StatusCodes.Status404NotFound,
                "Unknown ontology version",
                $"The registry has no such file for ontology version '{version}'; its versions: {known}."
            );
        }
        return Results.File(Path.GetFullPath(file), mediaType);
    }
}
