using GaiaX.Oid4vc.Credentials.Protocol;
using GaiaX.Oid4vc.Issuer.Metadata;
using GaiaX.Oid4vc.ServiceDefaults;
using Microsoft.AspNetCore.WebUtilities;

namespace GaiaX.Oid4vc.Issuer.Authorization;

/// <summary>
/// <c>POST /par</c> (RFC 9126) and <c>GET /authorize</c> (RFC 6749 4.1, RFC 9207 <c>iss</c>): read
/// the form or query, let the validators decide and the generators answer, write the result.
/// </summary>
public static class AuthorizationEndpoints
{
    public static void MapAuthorizationEndpoints(this IEndpointRouteBuilder routes)
    {
        routes
            .MapPost(IssuerEndpoints.Paths.PushedAuthorization, PushAsync)
            .DisableAntiforgery()
            .WithProtocolErrors()
            .WithSummary("Pushed authorization request (RFC 9126)")
            .AcceptsForm(
                ["response_type", "client_id", "code_challenge", "code_challenge_method"],
                "redirect_uri",
                "authorization_details",
                "scope",
                "state",
                "issuer_state",
                "dpop_jkt",
                "wallet_issuer",
                "user_hint"
            )
            .Produces<PushedAuthorizationResponse>(StatusCodes.Status201Created);
        routes
            .MapGet(IssuerEndpoints.Paths.Authorize, AuthorizeAsync)
            .WithSummary("Authorization endpoint: redirects with a code (RFC 6749, RFC 9207)")
            .WithQueryParameters(["client_id", "request_uri"])
            .Produces(StatusCodes.Status302Found);
    }

    private static async Task<IResult> PushAsync(
        HttpContext context,
        PushedAuthorizationRequestValidator validator,
        PushedAuthorizationResponseGenerator generator,
        CancellationToken cancellationToken
    )
    {
        var request = await context
            .Request.ReadClientFormAsync((form, client, dpop) => new PushedAuthorizationRequest(form, client, dpop), cancellationToken)
            .ConfigureAwait(false);
        if (request is null)
        {
            return ProtocolResults.Error(
                new ProtocolError(ErrorCodes.InvalidRequest, "the pushed authorization request must be form-encoded")
            );
        }
        var validated = await validator.ValidateAsync(request, cancellationToken).ConfigureAwait(false);
        if (validated.Failed)
        {
            return ProtocolResults.Error(validated.Error);
        }
        var response = await generator.GenerateAsync(validated.Value, cancellationToken).ConfigureAwait(false);
        return ProtocolResults.Json(response, StatusCodes.Status201Created);
    }

    private static async Task<IResult> AuthorizeAsync(
        HttpContext context,
        AuthorizeRequestValidator validator,
        AuthorizeResponseGenerator generator,
        CancellationToken cancellationToken
    )
    {
        var validated = await validator
            .ValidateAsync(ProtocolRequests.ReadParameters(context.Request.Query), cancellationToken)
            .ConfigureAwait(false);
        if (validated.Failed)
        {
            return ProtocolResults.Error(validated.Error);
        }
        var response = await generator.GenerateAsync(validated.Value, context.User, cancellationToken).ConfigureAwait(false);
        return ProtocolResults.Redirect(QueryHelpers.AddQueryString(response.RedirectUri, response.Parameters));
    }
}
