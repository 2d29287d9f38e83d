namespace GaiaX.Oid4vc.Issuer.Token;

/// <summary>
/// What authenticating a request to a protected endpoint (credential, deferred credential,
/// notification) needs of it: every <c>Authorization</c> and <c>DPoP</c> header value, the method,
/// and the absolute URL a DPoP proof's <c>htu</c> must name (RFC 9449 section 4.3).
/// </summary>
public sealed record ProtectedResourceRequest(
    IReadOnlyList<string> Authorization,
    IReadOnlyList<string> DpopProofs,
    string Method,
    string Url
);
