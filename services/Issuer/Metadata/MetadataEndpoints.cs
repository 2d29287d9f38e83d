using GaiaX.Oid4vc.ServiceDefaults;
using Microsoft.Net.Http.Headers;

namespace GaiaX.Oid4vc.Issuer.Metadata;

/// <summary>The well-known metadata endpoints, path-aware (RFC 8414 section 3.1, OpenID4VCI 1.0 section 12.2.2).</summary>
public static class MetadataEndpoints
{
    public static void MapMetadataEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(IssuerEndpoints.Paths.IssuerMetadata + "/{**path}", IssuerMetadata).ExcludeFromDescription();
        routes
            .MapGet(IssuerEndpoints.Paths.IssuerMetadata, IssuerMetadata)
            .WithName("CredentialIssuerMetadata")
            .Produces<System.Text.Json.Nodes.JsonObject>(StatusCodes.Status200OK)
            .Produces<string>(StatusCodes.Status200OK, "application/jwt");
        routes
            .MapGet(IssuerEndpoints.Paths.AuthorizationServerMetadata + "/{**path}", AuthorizationServerMetadata)
            .ExcludeFromDescription();
        routes
            .MapGet(IssuerEndpoints.Paths.AuthorizationServerMetadata, AuthorizationServerMetadata)
            .WithName("AuthorizationServerMetadata")
            .Produces<System.Text.Json.Nodes.JsonObject>(StatusCodes.Status200OK);
        routes
            .MapGet(IssuerEndpoints.Paths.TypeMetadata, TypeMetadata)
            .WithName("SdJwtVcTypeMetadata")
            .WithSummary("SD-JWT VC Type Metadata of a dc+sd-jwt credential configuration (the vct URL)")
            .Produces<TypeMetadataDocument>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>The bytes <c>vct#integrity</c> hashes, never re-serialized.</summary>
    private static IResult TypeMetadata(string id, TypeMetadataDocuments documents, HttpContext context)
    {
        if (documents.Json(id) is not { } json)
        {
            return ProtocolResults.Problem(StatusCodes.Status404NotFound, "Unknown credential type", $"No dc+sd-jwt configuration '{id}'.");
        }
        context.Response.Headers.CacheControl = "public, max-age=3600";
        return Results.Bytes(json, "application/json");
    }

    /// <summary>JSON by default; the signed JWT when the wallet asks for <c>application/jwt</c> first.</summary>
    private static IResult IssuerMetadata(
        HttpContext context,
        IssuerMetadataDocument document,
        IssuerEndpoints endpoints,
        string? path = null
    )
    {
        if (!MatchesIdentifierPath(endpoints, path))
        {
            return Results.NotFound();
        }
        if (PrefersJwt(context.Request))
        {
            return Results.Text(document.Signed(), "application/jwt");
        }
        return Results.Bytes(document.IssuerMetadataJson, "application/json");
    }

    private static IResult AuthorizationServerMetadata(IssuerMetadataDocument document, IssuerEndpoints endpoints, string? path = null) =>
        MatchesIdentifierPath(endpoints, path)
            ? Results.Bytes(document.AuthorizationServerMetadataJson, "application/json")
            : Results.NotFound();

    private static bool MatchesIdentifierPath(IssuerEndpoints endpoints, string? path) =>
        string.Equals(
            "/" + (path ?? string.Empty).TrimEnd('/'),
            endpoints.IdentifierPath.Length == 0 ? "/" : endpoints.IdentifierPath,
            StringComparison.Ordinal
        );

    private static bool PrefersJwt(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted))
        {
            return false;
        }
        var jwt = accepted
            .Where(a => a.MediaType.Equals("application/jwt", StringComparison.OrdinalIgnoreCase))
            .Select(a => a.Quality ?? 1)
            .DefaultIfEmpty(0)
            .Max();
        var json = accepted
            .Where(a =>
                a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                || a.MediaType.Equals("*/*", StringComparison.Ordinal)
            )
            .Select(a => a.Quality ?? 1)
            .DefaultIfEmpty(0)
            .Max();
        // The unsigned form is the one every wallet must handle (section 12.2.2): a tie goes to JSON.
        return jwt > 0 && jwt > json;
    }
}
