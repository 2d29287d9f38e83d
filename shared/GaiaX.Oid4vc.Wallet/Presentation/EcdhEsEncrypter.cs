using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.Protocol;

namespace GaiaX.Oid4vc.Wallet.Presentation;

/// <summary>
/// Encrypts a message to a party's public JWK (<see cref="EcdhEsJwe"/>): the encrypted response of <c>direct_post.jwt</c>
/// (OpenID4VP 1.0 section 8.3) and the encrypted credential request (OpenID4VCI 1.0 section 10). The JWE names the key's
/// <c>kid</c> when it has one.
/// </summary>
public static class EcdhEsEncrypter
{
    public static IReadOnlyList<string> SupportedEncryption => EcdhEsJwe.ContentEncryption;

    public static string Encrypt(
        ReadOnlySpan<byte> plaintext,
        JsonObject recipientJwk,
        string enc = "A128GCM",
        string? zip = null,
        string? contentType = null
    )
    {
        ArgumentNullException.ThrowIfNull(recipientJwk);
        if (!SupportedEncryption.Contains(enc))
        {
            throw new ArgumentException($"enc '{enc}' is not supported; use A128GCM or A256GCM.", nameof(enc));
        }
        if ((string?)recipientJwk["kty"] != "EC" || (string?)recipientJwk["crv"] != "P-256")
        {
            throw new WalletProtocolException(ErrorCodes.InvalidRequest, "The recipient's encryption key is not an EC P-256 key.");
        }
        var recipient = new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Decode(recipientJwk, "x"), Y = Decode(recipientJwk, "y") },
        };
        var kid = recipientJwk["kid"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        try
        {
            return EcdhEsJwe.Encrypt(plaintext, recipient, enc, kid, zip, contentType);
        }
        catch (CryptographicException)
        {
            throw new WalletProtocolException(ErrorCodes.InvalidRequest, "The recipient's encryption key is not a valid P-256 public key.");
        }
    }

    private static byte[] Decode(JsonObject jwk, string member) =>
        jwk[member] is JsonValue value && value.TryGetValue<string>(out var text) && Base64Url.IsValid(text)
            ? Base64Url.DecodeFromChars(text)
            : throw new WalletProtocolException(ErrorCodes.InvalidRequest, $"The recipient's encryption key has no valid '{member}'.");
}
