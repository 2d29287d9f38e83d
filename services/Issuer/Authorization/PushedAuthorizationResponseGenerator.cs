using GaiaX.Oid4vc.Issuer.Protocol;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Issuer.Authorization;

/// <summary>Stores a validated pushed authorization request under a fresh, single-use <c>request_uri</c> (RFC 9126 section 2.2).</summary>
public sealed class PushedAuthorizationResponseGenerator(IPushedAuthorizationRequestStore requests, IOptions<IssuerOptions> options)
{
    /// <summary>The URN prefix RFC 9126 section 2.2 suggests for <c>request_uri</c> values.</summary>
    public const string RequestUriPrefix = "urn:ietf:params:oauth:request_uri:";

    public async Task<PushedAuthorizationResponse> GenerateAsync(AuthorizationRequest request, CancellationToken cancellationToken)
    {
        var lifetime = TimeSpan.FromSeconds(options.Value.PushedAuthorizationRequestLifetimeSeconds);
        var requestUri = RequestUriPrefix + Secrets.NewHandle();
        await requests.StoreAsync(requestUri, request, lifetime, cancellationToken).ConfigureAwait(false);
        return new PushedAuthorizationResponse(requestUri, (int)lifetime.TotalSeconds);
    }
}
