using GaiaX.Oid4vc.Credentials.Protocol;
using GaiaX.Oid4vc.Issuer.Metadata;
using GaiaX.Oid4vc.ServiceDefaults;

namespace GaiaX.Oid4vc.Issuer.Token;

/// <summary>
/// <c>POST /token</c>: the pre-authorized code grant (with transaction code and lockout), the
/// authorization code grant (PKCE S256) and the refresh token grant, each optionally DPoP-bound.
/// Reads the form and the headers the rules need; <see cref="TokenRequestValidator"/> decides and
/// <see cref="TokenResponseGenerator"/> mints.
/// </summary>
public static class TokenEndpoint
{
    public static void MapTokenEndpoint(this IEndpointRouteBuilder routes) =>
        routes
            .MapPost(IssuerEndpoints.Paths.Token, HandleAsync)
            .DisableAntiforgery()
            .WithProtocolErrors()
            .WithSummary("Token endpoint (RFC 6749, OpenID4VCI 1.0 section 6)")
            .AcceptsForm(["grant_type"], [.. TokenRequestValidator.DefinedParameters.Where(p => p != "grant_type")])
            .Produces<TokenResponse>(StatusCodes.Status200OK);

    private static async Task<IResult> HandleAsync(
        HttpContext context,
        TokenRequestValidator validator,
        TokenResponseGenerator generator,
        IssuerMetrics metrics,
        CancellationToken cancellationToken
    )
    {
        var request = await context
            .Request.ReadClientFormAsync((form, client, dpop) => new TokenRequest(form, client, dpop), cancellationToken)
            .ConfigureAwait(false);
        if (request is null)
        {
            return ProtocolResults.Error(
                new ProtocolError(ErrorCodes.InvalidRequest, "the token request must be application/x-www-form-urlencoded")
            );
        }
        var grantType = request.Parameters["grant_type"];
        var validated = await validator.ValidateAsync(request, cancellationToken).ConfigureAwait(false);
        if (validated.Failed)
        {
            metrics.TokenRequest(grantType, validated.Error.Error);
            return ProtocolResults.Error(validated.Error);
        }
        var result = await generator.GenerateAsync(validated.Value, cancellationToken).ConfigureAwait(false);
        metrics.TokenRequest(grantType, result.Failed ? result.Error.Error : "success");
        return result.Failed ? ProtocolResults.Error(result.Error) : ProtocolResults.Json(result.Value);
    }
}
