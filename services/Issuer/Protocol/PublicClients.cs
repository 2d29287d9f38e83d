using System.Net;
using GaiaX.Oid4vc.Credentials.Protocol;

namespace GaiaX.Oid4vc.Issuer.Protocol;

/// <summary>
/// Wallets are public clients: the Authorization Server announces
/// <c>token_endpoint_auth_methods_supported: ["none"]</c>. A request that authenticates the client
/// anyway (<c>client_secret</c>, <c>client_assertion</c>, an <c>Authorization</c> header) is refused
/// with <c>invalid_client</c> (RFC 6749 section 5.2) before anything is read or spent, rather than
/// ignored: a client that believes it proved who it is must learn that it did not.
/// </summary>
public static class PublicClients
{
    private static readonly string[] AuthenticationParameters = ["client_secret", "client_assertion", "client_assertion_type"];

    /// <summary>
    /// The <c>invalid_client</c> error for a request carrying client authentication, or null.
    /// <paramref name="authorization"/> is the request's <c>Authorization</c> header (empty when absent).
    /// </summary>
    public static ProtocolError? RefuseClientAuthentication(RequestParameters parameters, string? authorization)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (authorization is { Length: > 0 })
        {
            // RFC 6749 section 5.2: 401 with a challenge for the scheme the client tried.
            var scheme = authorization.Split(' ', 2)[0];
            return new ProtocolError(
                ErrorCodes.InvalidClient,
                "this server has public clients only; client authentication is not supported",
                (int)HttpStatusCode.Unauthorized
            )
            {
                AuthenticateScheme = scheme.Length is > 0 and <= 32 && scheme.All(char.IsAsciiLetterOrDigit) ? scheme : "Basic",
            };
        }
        // RFC 6749 section 3.1: a parameter without a value counts as omitted.
        if (Array.Find(AuthenticationParameters, parameters.HasValue) is { } parameter)
        {
            return new ProtocolError(
                ErrorCodes.InvalidClient,
                $"this server has public clients only; client authentication by {parameter} is not supported"
            );
        }
        return null;
    }
}
