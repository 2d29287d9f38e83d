using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using GaiaX.Oid4vc.Dapr.State;
using GaiaX.Oid4vc.Issuer.Authorization;
using GaiaX.Oid4vc.Issuer.Metadata;
using GaiaX.Oid4vc.Issuer.Offers;
using GaiaX.Oid4vc.Issuer.Protocol;
using Microsoft.Extensions.Options;
using GaiaX.Oid4vc.ServiceDefaults;
using GaiaX.Oid4vc.Credentials.Protocol;

namespace GaiaX.Oid4vc.Issuer.Token;

/// <summary>
/// <c>POST /token</c>: the pre-authorized code grant (with transaction code and lockout) and the
/// authorization code grant (PKCE S256), each optionally DPoP-bound.
/// </summary>
public static class TokenEndpoint
{
    public static void MapTokenEndpoint(this IEndpointRouteBuilder routes) =>
        routes.MapPost(IssuerEndpoints.Paths.Token, HandleAsync).DisableAntiforgery().WithProtocolErrors();

    private static async Task<IResult> HandleAsync(HttpContext context, TokenRequestProcessor processor, CancellationToken cancellationToken)
    {
        if (!context.Request.HasFormContentType)
        {
            return ProtocolResults.Error(new ProtocolError(ErrorCodes.InvalidRequest, "the token request must be application/x-www-form-urlencoded"));
        }
        var form = await context.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        if (PublicClients.RefuseClientAuthentication(form, context.Request.Headers) is { } refused)
        {
            return ProtocolResults.Error(refused);
        }
        var result = await processor.ProcessAsync(form, context.Request.Headers[DpopProofValidator.HeaderName], cancellationToken).ConfigureAwait(false);
        return result.Failed ? ProtocolResults.Error(result.Error) : ProtocolResults.Json(result.Value);
    }
}
