using System.Buffers.Text;
using System.Security.Cryptography;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Verifier.Requests;

namespace GaiaX.Oid4vc.Verifier.Responses;

/// <summary>
/// Decrypts the <c>direct_post.jwt</c> response of OpenID4VP 1.0 section 8.3 (<see cref="EcdhEsJwe"/>) with the ephemeral
/// key its request offered. Compression is refused: the response is small and a verifier has no reason to inflate it.
/// </summary>
public static class EcdhEsJweDecryptor
{
    public static JweDecryptionResult Decrypt(string jwe, EphemeralEncryptionKey key)
    {
        ArgumentNullException.ThrowIfNull(jwe);
        ArgumentNullException.ThrowIfNull(key);
        using var recipient = ECDiffieHellman.Create(
            new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = Base64Url.DecodeFromChars(key.X), Y = Base64Url.DecodeFromChars(key.Y) },
                D = Base64Url.DecodeFromChars(key.D),
            }
        );
        return EcdhEsJwe.Decrypt(jwe, recipient, key.Kid);
    }
}
