using GaiaX.Oid4vc.Issuer.Protocol;
using GaiaX.Oid4vc.ServiceDefaults;

namespace GaiaX.Oid4vc.Issuer.Nonce;

/// <summary><c>POST /nonce</c> (OpenID4VCI 1.0 section 7): a fresh <c>c_nonce</c>, never cached.</summary>
public static class NonceEndpoint
{
    public static async Task<IResult> HandleAsync(INonceStore nonces, CancellationToken cancellationToken)
    {
        var nonce = await nonces.CreateAsync(cancellationToken).ConfigureAwait(false);
        return ProtocolResults.Json(new NonceResponse(nonce));
    }
}
