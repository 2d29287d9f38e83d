using GaiaX.Oid4vc.Issuer.Metadata;
using GaiaX.Oid4vc.ServiceDefaults;

namespace GaiaX.Oid4vc.Issuer.Nonce;

/// <summary>
/// <c>POST /nonce</c> (OpenID4VCI 1.0 section 7): a fresh <c>c_nonce</c>, never cached. The request
/// carries nothing to validate; <see cref="INonceStore"/> makes the nonce.
/// </summary>
public static class NonceEndpoint
{
    public static void MapNonceEndpoint(this IEndpointRouteBuilder routes) =>
        routes
            .MapPost(IssuerEndpoints.Paths.Nonce, HandleAsync)
            .DisableAntiforgery()
            .WithSummary("Nonce endpoint (OpenID4VCI 1.0 section 7)")
            .Produces<NonceResponse>(StatusCodes.Status200OK);

    private static async Task<IResult> HandleAsync(INonceStore nonces, CancellationToken cancellationToken)
    {
        var nonce = await nonces.CreateAsync(cancellationToken).ConfigureAwait(false);
        return ProtocolResults.Json(new NonceResponse(nonce));
    }
}
