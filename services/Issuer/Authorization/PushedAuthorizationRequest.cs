using GaiaX.Oid4vc.Issuer.Protocol;

namespace GaiaX.Oid4vc.Issuer.Authorization;

/// <summary>
/// A pushed authorization request (RFC 9126) as the endpoint read it: the form parameters, what authenticates the client
/// outside the form and every <c>DPoP</c> header value.
/// </summary>
public sealed record PushedAuthorizationRequest(
    RequestParameters Parameters,
    Clients.ClientCredentials Client,
    IReadOnlyList<string> DpopProofs
);
