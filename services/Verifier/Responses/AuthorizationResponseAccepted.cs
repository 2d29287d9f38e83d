using System.Text.Json.Serialization;

namespace GaiaX.Oid4vc.Verifier.Responses;

/// <summary>
/// The answer to an accepted response (OpenID4VP 1.0 §8.2): empty, or for a same-device request the
/// <c>redirect_uri</c> the wallet sends the user on to, carrying the response code.
/// </summary>
public sealed record AuthorizationResponseAccepted([property: JsonPropertyName("redirect_uri")] string? RedirectUri)
{
    /// <summary>An acknowledgement without a redirect.</summary>
    public static AuthorizationResponseAccepted Empty { get; } = new((string?)null);
}
