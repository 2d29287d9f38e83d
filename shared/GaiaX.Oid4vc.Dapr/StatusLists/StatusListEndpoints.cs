using System.Globalization;
using GaiaX.Oid4vc.Credentials.Status;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GaiaX.Oid4vc.Dapr.StatusLists;

/// <summary>
/// <c>GET /status-lists/{n}</c> (Status List Token, <c>application/statuslist+jwt</c>) and
/// <c>GET /status-lists/{n}/revocation|suspension</c> (BitstringStatusListCredential, <c>application/vc+jwt</c>), public,
/// with <c>Cache-Control</c> of the lists' <c>ttl</c>.
/// </summary>
public static class StatusListEndpoints
{
    public static IEndpointRouteBuilder MapStatusLists(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/status-lists/{list}", (string list, StatusListPublisher publisher, HttpContext context) =>
                ServeAsync(publisher, list, null, context)
            )
            .WithName("GetStatusListToken")
            .WithSummary("A Status List Token (IETF Token Status List) of the credentials this service signed.")
            .Produces<string>(StatusCodes.Status200OK, contentType: StatusListCredentials.StatusListJwtMediaType)
            .ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/status-lists/{list}/{purpose}", (string list, string purpose, StatusListPublisher publisher, HttpContext context) =>
                ServeAsync(publisher, list, purpose, context)
            )
            .WithName("GetBitstringStatusListCredential")
            .WithSummary("A BitstringStatusListCredential (W3C) for revocation or suspension.")
            .Produces<string>(StatusCodes.Status200OK, contentType: "application/vc+jwt")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> ServeAsync(StatusListPublisher publisher, string list, string? purpose, HttpContext context)
    {
        var signed = int.TryParse(list, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? await publisher.GetAsync(number, purpose, context.RequestAborted).ConfigureAwait(false)
            : null;
        if (signed is null)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "No such status list",
                detail: purpose is null ? $"There is no status list {list}." : $"There is no {purpose} list {list}."
            );
        }
        context.Response.Headers.CacheControl = "public, max-age=" + ((long)signed.Ttl.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return Results.Text(signed.Jwt, signed.MediaType);
    }
}
