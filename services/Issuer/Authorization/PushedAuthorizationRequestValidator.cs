using GaiaX.Oid4vc.Credentials.Protocol;
using GaiaX.Oid4vc.Issuer.Clients;
using GaiaX.Oid4vc.Issuer.Metadata;
using GaiaX.Oid4vc.Issuer.Token;

namespace GaiaX.Oid4vc.Issuer.Authorization;

/// <summary>
/// The rules of <c>POST /par</c> (RFC 9126 section 2.1): the client authenticates (<see cref="ClientAuthenticator"/>), an
/// optional DPoP proof whose key the code will be bound to (RFC 9449 section 10), then the authorization request rules of
/// <see cref="AuthorizationRequestValidator"/>; the code remembers how the client authenticated.
/// </summary>
public sealed class PushedAuthorizationRequestValidator(
    AuthorizationRequestValidator requests,
    ClientAuthenticator clients,
    DpopProofValidator dpop,
    IssuerEndpoints endpoints
)
{
    public async Task<Outcome<AuthorizationRequest>> ValidateAsync(PushedAuthorizationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var client = await clients
            .AuthenticateAsync(request.Parameters, request.Client, endpoints.PushedAuthorization, cancellationToken)
            .ConfigureAwait(false);
        if (client.Failed)
        {
            return client.Error;
        }
        string? jkt = null;
        if (request.DpopProofs.Count > 0)
        {
            // Several DPoP headers read as one comma-joined value, which no proof survives.
            var proofs = request.DpopProofs.Count == 1 ? request.DpopProofs[0] : string.Join(',', request.DpopProofs);
            var proof = await dpop.ValidateAsync(proofs, "POST", endpoints.PushedAuthorization, null, cancellationToken)
                .ConfigureAwait(false);
            if (proof.Failed)
            {
                return proof.Error;
            }
            jkt = proof.Value;
        }
        var validated = requests.Validate(request.Parameters, jkt);
        return validated.Failed
            ? validated
            : Outcome<AuthorizationRequest>.Success(validated.Value! with { ClientAuthentication = client.Value!.Method });
    }
}
