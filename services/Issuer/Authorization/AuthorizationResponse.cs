namespace GaiaX.Oid4vc.Issuer.Authorization;

/// <summary>
/// The authorization response (RFC 6749 section 4.1.2, RFC 9207): the client's redirect URI and the
/// parameters to add to its query (<c>code</c> or <c>error</c>, <c>state</c>, <c>iss</c>). The
/// endpoint builds the redirect.
/// </summary>
public sealed record AuthorizationResponse(string RedirectUri, IReadOnlyDictionary<string, string?> Parameters);
