using GaiaX.Oid4vc.Issuer.Protocol;

namespace GaiaX.Oid4vc.Issuer.Token;

/// <summary>
/// A token request as the endpoint read it: the form parameters, the <c>Authorization</c> header
/// (empty when absent; wallets are public clients, so any value is refused) and every <c>DPoP</c>
/// header value.
/// </summary>
public sealed record TokenRequest(RequestParameters Parameters, string Authorization, IReadOnlyList<string> DpopProofs);
