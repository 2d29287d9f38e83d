using GaiaX.Oid4vc.Credentials.Protocol;

namespace GaiaX.Oid4vc.Issuer.Authorization;

/// <summary>Pushed authorization requests (RFC 9126) by <c>request_uri</c>, each usable once.</summary>
public interface IPushedAuthorizationRequestStore
{
    Task StoreAsync(string requestUri, AuthorizationRequest request, TimeSpan lifetime, CancellationToken cancellationToken);

    /// <summary>
    /// The pushed request, consumed, when <paramref name="clientId"/> is the client that pushed it.
    /// The client is checked before anything is spent: a request naming another client fails with
    /// <c>invalid_request</c> and leaves the <c>request_uri</c> to its wallet. Unknown, expired or
    /// used: <c>invalid_request_uri</c>. Of concurrent callers exactly one gets the request.
    /// </summary>
    Task<Outcome<AuthorizationRequest>> ConsumeAsync(string requestUri, string clientId, CancellationToken cancellationToken);
}
