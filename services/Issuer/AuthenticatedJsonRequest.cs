using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using GaiaX.Oid4vc.Credentials.Protocol;
using GaiaX.Oid4vc.Issuer.Token;

namespace GaiaX.Oid4vc.Issuer;

/// <summary>
/// A request to a protected endpoint as read by <see cref="ProtocolRequests.ReadAuthenticatedJsonAsync"/>:
/// its validated access token and JSON object body, or the error that stopped reading it. Owns the
/// parsed document, which the validators read in place rather than copying.
/// </summary>
public sealed class AuthenticatedJsonRequest(
    ValidatedAccessToken? token,
    JsonDocument? document,
    ProtocolError? error,
    bool encrypted = false
) : IDisposable
{
    /// <summary>Whether the body came encrypted (<c>application/jwt</c>, OpenID4VCI 1.0 section 10).</summary>
    public bool Encrypted { get; } = encrypted;

    public ValidatedAccessToken? Token { get; } = token;

    public JsonDocument? Document { get; } = document;

    public ProtocolError? Error { get; } = error;

    [MemberNotNullWhen(true, nameof(Error))]
    [MemberNotNullWhen(false, nameof(Token), nameof(Document))]
    public bool Failed => Error is not null;

    public void Dispose() => Document?.Dispose();
}
