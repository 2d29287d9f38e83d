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
public sealed class AuthenticatedJsonRequest(ValidatedAccessToken? token, JsonDocument? document, ProtocolError? error) : IDisposable
{
    public ValidatedAccessToken? Token { get; } = token;

    public JsonDocument? Document { get; } = document;

    public ProtocolError? Error { get; } = error;

    [MemberNotNullWhen(true, nameof(Error))]
    [MemberNotNullWhen(false, nameof(Token), nameof(Document))]
    public bool Failed => Error is not null;

    public void Dispose() => Document?.Dispose();
}
