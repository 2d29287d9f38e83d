using GaiaX.Oid4vc.Credentials.Protocol;
using GaiaX.Oid4vc.Issuer.Metadata;
using GaiaX.Oid4vc.Issuer.Token;
using GaiaX.Oid4vc.ServiceDefaults;

namespace GaiaX.Oid4vc.Issuer.Notification;

/// <summary>
/// <c>POST /notification</c> (OpenID4VCI 1.0 section 11): the wallet reports what became of the
/// credentials; the Issuer answers 204 and publishes the matching event. Identical repeats are
/// answered 204 without publishing again.
/// </summary>
public static class NotificationEndpoint
{
    public static void MapNotificationEndpoint(this IEndpointRouteBuilder routes) =>
        routes
            .MapPost(IssuerEndpoints.Paths.Notification, HandleAsync)
            .DisableAntiforgery()
            .WithProtocolErrors()
            .WithSummary("Notification endpoint (OpenID4VCI 1.0 section 11)")
            .AcceptsJsonBody(typeof(NotificationRequestBody))
            .RequiresAccessToken()
            .Produces(StatusCodes.Status204NoContent);

    private static async Task<IResult> HandleAsync(
        HttpContext context,
        AccessTokenValidator tokens,
        IssuerEndpoints endpoints,
        NotificationRequestValidator validator,
        NotificationResponseGenerator generator,
        CancellationToken cancellationToken
    )
    {
        using var request = await context
            .Request.ReadAuthenticatedJsonAsync(tokens, endpoints, ErrorCodes.InvalidNotificationRequest, cancellationToken)
            .ConfigureAwait(false);
        if (request.Failed)
        {
            return ProtocolResults.Error(request.Error);
        }
        var validated = await validator.ValidateAsync(request.Token, request.Document.RootElement, cancellationToken).ConfigureAwait(false);
        if (validated.Failed)
        {
            return ProtocolResults.Error(validated.Error);
        }
        await generator.GenerateAsync(validated.Value, cancellationToken).ConfigureAwait(false);
        return ProtocolResults.NoContent();
    }
}
