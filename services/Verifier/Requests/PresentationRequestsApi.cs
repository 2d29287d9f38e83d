using System.Security.Claims;
using System.Text.Json;
using GaiaX.Oid4vc.Credentials.Protocol;
using GaiaX.Oid4vc.ServiceDefaults;
using GaiaX.Oid4vc.Verifier.Status;
using Microsoft.AspNetCore.Mvc;

namespace GaiaX.Oid4vc.Verifier.Requests;

/// <summary>
/// The management API relying parties use (bearer token with <c>verifier.requests.write</c> /
/// <c>verifier.requests.read</c>), and the request URI wallets fetch request objects from.
/// </summary>
public static class PresentationRequestsApi
{
    public const string WritePolicy = ManagementScopes.RequestsWrite;
    public const string ReadPolicy = ManagementScopes.RequestsRead;

    public static IEndpointRouteBuilder MapPresentationRequestsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/presentation-requests").WithTags("Presentation requests");
        // Requests belong to the relying party the token names; a token naming none could read
        // (and create) requests no one owns, so it is refused before any endpoint runs.
        api.AddEndpointFilter(
            async (context, next) =>
                OwnerOf(context.HttpContext.User) is null
                    ? Results.Problem(
                        statusCode: StatusCodes.Status403Forbidden,
                        title: "Relying party unknown",
                        detail: "The access token names no relying party (client_id, azp or sub); requests belong to the party that "
                            + "created them."
                    )
                    : await next(context).ConfigureAwait(false)
        );
        api.MapPost("/", CreateAsync)
            .RequireAuthorization(WritePolicy)
            .WithSummary("Create a presentation request (DCQL)")
            .AcceptsJsonBody(typeof(CreatePresentationRequestBody))
            .Produces<PresentationRequestCreatedResponse>(StatusCodes.Status201Created);
        api.MapGet("/{id}", GetAsync)
            .RequireAuthorization(ReadPolicy)
            .WithSummary("The status of a presentation request")
            .Produces<PresentationRequestStatusView>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet(
                "/{id}/qr.png",
                (string id, HttpContext http, IPresentationRequestStore store, PresentationRequestService service, CancellationToken ct) =>
                    QrAsync(id, http.User, store, service, svg: false, ct)
            )
            .RequireAuthorization(ReadPolicy)
            .Produces<byte[]>(StatusCodes.Status200OK, "image/png")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet(
                "/{id}/qr.svg",
                (string id, HttpContext http, IPresentationRequestStore store, PresentationRequestService service, CancellationToken ct) =>
                    QrAsync(id, http.User, store, service, svg: true, ct)
            )
            .RequireAuthorization(ReadPolicy)
            .Produces<string>(StatusCodes.Status200OK, "image/svg+xml")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    public static IEndpointRouteBuilder MapRequestObjectEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints
            .MapGet(
                "/request/{id}",
                (
                    string id,
                    HttpContext http,
                    RequestObjectRequestValidator validator,
                    RequestObjectGenerator generator,
                    CancellationToken ct
                ) => RequestObjectAsync(http, validator, generator, id, null, null, ct)
            )
            .WithSummary("The signed request object (OpenID4VP 1.0 section 5.7)")
            .Produces<string>(StatusCodes.Status200OK, "application/oauth-authz-req+jwt")
            .ProducesProblem(StatusCodes.Status404NotFound);

        // request_uri_method=post (§5.10): form-encoded wallet_nonce and wallet_metadata.
        endpoints
            .MapPost(
                "/request/{id}",
                async (
                    string id,
                    HttpContext http,
                    RequestObjectRequestValidator validator,
                    RequestObjectGenerator generator,
                    CancellationToken ct
                ) =>
                {
                    if (!http.Request.HasFormContentType)
                    {
                        return ProtocolResults.Error(
                            new ProtocolError(ErrorCodes.InvalidRequest, "the request URI POST must be application/x-www-form-urlencoded")
                        );
                    }
                    var form = await http.Request.ReadFormAsync(ct).ConfigureAwait(false);
                    if (form["wallet_nonce"].Count > 1 || form["wallet_metadata"].Count > 1)
                    {
                        return ProtocolResults.Error(
                            new ProtocolError(ErrorCodes.InvalidRequest, "wallet_nonce and wallet_metadata may appear once")
                        );
                    }
                    return await RequestObjectAsync(
                            http,
                            validator,
                            generator,
                            id,
                            form["wallet_nonce"].FirstOrDefault(),
                            form["wallet_metadata"].FirstOrDefault(),
                            ct
                        )
                        .ConfigureAwait(false);
                }
            )
            .DisableAntiforgery()
            .WithProtocolErrors()
            .WithSummary("The signed request object for request_uri_method=post (OpenID4VP 1.0 section 5.10)")
            .AcceptsForm([], "wallet_nonce", "wallet_metadata")
            .Produces<string>(StatusCodes.Status200OK, "application/oauth-authz-req+jwt");
        return endpoints;
    }

    private static async Task<IResult> CreateAsync(
        HttpContext http,
        CreatePresentationRequestValidator validator,
        PresentationRequestService service,
        CancellationToken cancellationToken
    )
    {
        if (!http.Request.HasJsonContentType())
        {
            return Results.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type",
                detail: "Send the request as application/json."
            );
        }
        // The body size is bounded by RequestLimits:MaxRequestBodyBytes (ServiceDefaults); text that is
        // not Unicode or a repeated member is refused here, not met later as a 500 in the DCQL parser.
        var (body, problem) = await JsonRequestBody.ParseAsync(http.Request.Body, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed JSON", detail: problem);
        }
        using (body)
        {
            var validation = validator.Validate(body.RootElement);
            if (validation.Command is null)
            {
                return ProtocolResults.ValidationProblem("Invalid presentation request", validation.Errors);
            }
            var created = await service
                .CreateAsync(validation.Command with { Owner = OwnerOf(http.User) }, cancellationToken)
                .ConfigureAwait(false);
            var baseUrl = created.StatusUri;
            var response = new PresentationRequestCreatedResponse(
                created.Request.Id,
                created.Request.ClientId,
                created.AuthorizationRequestUri,
                created.RequestUri,
                created.Request.RequestUriMethod,
                created.Request.ResponseMode,
                created.Request.ExpiresAt,
                baseUrl,
                new QrCodeLinks(baseUrl + "/qr.png", baseUrl + "/qr.svg")
            );
            return new CreatedJson(baseUrl, JsonSerializer.Serialize(response, PresentationRequestStatusView.SerializerOptions));
        }
    }

    private static async Task<IResult> GetAsync(
        string id,
        [FromQuery(Name = "response_code")] string? responseCode,
        PresentationStatusService status,
        HttpContext http,
        CancellationToken cancellationToken
    )
    {
        var lookup = await status.GetAsync(id, OwnerOf(http.User), responseCode, cancellationToken).ConfigureAwait(false);
        if (lookup.View is null)
        {
            return Results.Problem(
                statusCode: lookup.ProblemStatus,
                title: lookup.ProblemStatus == 404 ? "Not found" : "Invalid response code",
                detail: lookup.Problem
            );
        }
        http.Response.Headers.CacheControl = "no-store";
        return Results.Json(lookup.View, PresentationRequestStatusView.SerializerOptions);
    }

    private static async Task<IResult> QrAsync(
        string id,
        ClaimsPrincipal user,
        IPresentationRequestStore store,
        PresentationRequestService service,
        bool svg,
        CancellationToken cancellationToken
    )
    {
        var stored = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (stored is null || !PresentationStatusService.IsOwner(stored.Request, OwnerOf(user)))
        {
            return Results.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Not found",
                detail: "No presentation request with this id exists (or it has expired)."
            );
        }
        var uri = service.AuthorizationRequestUri(stored.Request);
        return svg ? QrCodes.Svg(uri) : QrCodes.Png(uri);
    }

    /// <summary>Who the caller is, as the token names the relying party (null when it names none).</summary>
    private static string? OwnerOf(ClaimsPrincipal user) =>
        new[] { "client_id", "azp", "sub" }.Select(name => user.FindFirst(name)?.Value).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    private static async Task<IResult> RequestObjectAsync(
        HttpContext http,
        RequestObjectRequestValidator validator,
        RequestObjectGenerator generator,
        string id,
        string? walletNonce,
        string? walletMetadata,
        CancellationToken cancellationToken
    )
    {
        var validated = await validator.ValidateAsync(id, walletNonce, walletMetadata, cancellationToken).ConfigureAwait(false);
        if (validated.Failed)
        {
            return ProtocolResults.Error(validated.Error);
        }
        var jwt = await generator.GenerateAsync(validated.Value, cancellationToken).ConfigureAwait(false);
        http.Response.Headers.CacheControl = "no-store";
        return Results.Text(jwt, RequestObjectGenerator.MediaType);
    }

    private sealed class CreatedJson(string location, string json) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status201Created;
            httpContext.Response.Headers.Location = location;
            httpContext.Response.Headers.CacheControl = "no-store";
            httpContext.Response.ContentType = "application/json";
            return httpContext.Response.WriteAsync(json);
        }
    }
}
