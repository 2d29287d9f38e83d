using GaiaX.Oid4vc.Credentials.Protocol;
using GaiaX.Oid4vc.Issuer.Protocol;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Issuer.Authorization;

/// <summary>
/// The rules of <c>GET /authorize</c>: a <c>request_uri</c> from <c>/par</c> redeems the pushed
/// request (once, by the client that pushed it, RFC 9126 section 4); without one the query is the
/// authorization request, unless the deployment requires pushed requests.
/// </summary>
public sealed class AuthorizeRequestValidator(
    AuthorizationRequestValidator requests,
    IPushedAuthorizationRequestStore pushed,
    IOptions<IssuerOptions> options
)
{
    public async Task<Outcome<AuthorizationRequest>> ValidateAsync(RequestParameters query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query["request_uri"] is { Length: > 0 } requestUri)
        {
            return await pushed.ConsumeAsync(requestUri, query["client_id"], cancellationToken).ConfigureAwait(false);
        }
        if (options.Value.RequirePushedAuthorizationRequests)
        {
            return Outcome<AuthorizationRequest>.Fail(
                ErrorCodes.InvalidRequest,
                "this authorization server requires pushed authorization requests (request_uri from /par)"
            );
        }
        return requests.Validate(query, null);
    }
}
