using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GaiaX.Oid4vc.Credentials.Jose;

/// <summary>
/// The one decoder of <c>did:jwk</c> identifiers. The key in such a DID is base64url JSON chosen by
/// whoever presents it: JSON that is not Unicode text (invalid UTF-8, an escaped lone surrogate)
/// parses and then throws when a member is read, and a repeated member would silently pick one of
/// two keys. Every such identifier is a malformed DID, answered as a failure here, so no caller
/// meets an exception deep inside key parsing.
/// </summary>
public static class DidJwk
{
    public const string Prefix = "did:jwk:";

    /// <summary>A JWK nests one level; anything deeper is not a key.</summary>
    private static readonly JsonDocumentOptions KeyJson = new() { MaxDepth = 8, AllowDuplicateProperties = false };

    /// <summary>Whether <paramref name="did"/> starts with the <c>did:jwk:</c> method prefix.</summary>
    public static bool IsDidJwk([NotNullWhen(true)] string? did) => did is not null && did.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>
    /// The JWK of <paramref name="did"/> (a DID, or a DID URL whose fragment is ignored), or
    /// <see langword="false"/> when it is not a <c>did:jwk</c> whose identifier is strict base64url of a
    /// JSON object that is Unicode text without repeated members.
    /// </summary>
    public static bool TryDecode(string? did, [NotNullWhen(true)] out JsonObject? jwk)
    {
        jwk = null;
        if (!IsDidJwk(did))
        {
            return false;
        }
        var hash = did.IndexOf('#', StringComparison.Ordinal);
        var identifier = did.AsSpan(Prefix.Length, (hash < 0 ? did.Length : hash) - Prefix.Length);
        if (!Base64UrlStrict.TryDecode(identifier, out var utf8) || !Jws.IsWellFormedText(utf8))
        {
            return false;
        }
        try
        {
            jwk = JsonNode.Parse(utf8, documentOptions: KeyJson) as JsonObject;
        }
        catch (JsonException)
        {
            jwk = null;
        }
        return jwk is not null;
    }

    /// <summary>
    /// The public key of <paramref name="did"/>: a <see cref="VerificationFailure.InvalidDid"/> failure when
    /// the identifier does not decode (<see cref="TryDecode"/>), else what <see cref="Jwk.ParsePublic"/> says.
    /// </summary>
    public static VerificationResult<VerificationKey> ParsePublicKey(string? did) =>
        TryDecode(did, out var jwk)
            ? Jwk.ParsePublic(jwk)
            : VerificationResult<VerificationKey>.Fail(
                VerificationFailure.InvalidDid,
                "The identifier is not a did:jwk holding a base64url JSON Web Key."
            );
}
