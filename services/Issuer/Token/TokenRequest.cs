using GaiaX.Oid4vc.Issuer.Protocol;

namespace GaiaX.Oid4vc.Issuer.Token;

/// <summary>
/// A token request as the endpoint read it: the form parameters, what authenticates the client outside the form and every
/// <c>DPoP</c> header value.
/// </summary>
public sealed record TokenRequest(RequestParameters Parameters, Clients.ClientCredentials Client, IReadOnlyList<string> DpopProofs);
