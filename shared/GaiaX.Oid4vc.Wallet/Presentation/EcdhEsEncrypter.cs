using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.Protocol;

namespace GaiaX.Oid4vc.Wallet.Presentation;

/// <summary>
/// JWE compact serialization with ECDH-ES direct key agreement on P-256 (RFC 7518 §4.6) and
/// A128GCM / A256GCM content encryption: the encrypted response of <c>direct_post.jwt</c>
/// (OpenID4VP 1.0 §8.3). A fresh ephemeral key per message; the JWE has no encrypted key part.
/// </summary>
public static class EcdhEsEncrypter
{
    public static IReadOnlyList<string> SupportedEncryption { get; } = ["A128GCM", "A256GCM"];

    public static string Encrypt(ReadOnlySpan<byte> plaintext, JsonObject recipientJwk, string enc = "A128GCM")
    {
        ArgumentNullException.ThrowIfNull(recipientJwk);
        if (!SupportedEncryption.Contains(enc))
        {
            throw new ArgumentException($"enc '{enc}' is not supported; use A128GCM or A256GCM.", nameof(enc));
        }
        if ((string?)recipientJwk["kty"] != "EC" || (string?)recipientJwk["crv"] != "P-256")
        {
            throw new WalletProtocolException(ErrorCodes.InvalidRequest, "The verifier's encryption key is not an EC P-256 key.");
        }
        using var recipient = ECDiffieHellman.Create(
            new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = Decode(recipientJwk, "x"), Y = Decode(recipientJwk, "y") },
            }
        );
        using var ephemeral = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var ephemeralPublic = ephemeral.ExportParameters(false);
        var header = new JsonObject
        {
            ["alg"] = "ECDH-ES",
            ["enc"] = enc,
            ["epk"] = new JsonObject
            {
                ["kty"] = "EC",
                ["crv"] = "P-256",
                ["x"] = Base64Url.EncodeToString(ephemeralPublic.Q.X),
                ["y"] = Base64Url.EncodeToString(ephemeralPublic.Q.Y),
            },
        };
        if (recipientJwk["kid"] is JsonValue kid)
        {
            header["kid"] = kid.GetValue<string>();
        }
        using var recipientPublic = recipient.PublicKey;
        var z = ephemeral.DeriveRawSecretAgreement(recipientPublic);
        var keyBits = enc == "A128GCM" ? 128 : 256;
        var cek = ConcatKdf(z, enc, keyBits);
        var protectedHeader = Base64Url.EncodeToString(Jws.Serialize(header));
        var iv = RandomNumberGenerator.GetBytes(12);
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[16];
        using (var aes = new AesGcm(cek, tag.Length))
        {
            aes.Encrypt(iv, plaintext, ciphertext, tag, Encoding.ASCII.GetBytes(protectedHeader));
        }
        CryptographicOperations.ZeroMemory(cek);
        CryptographicOperations.ZeroMemory(z);
        return $"{protectedHeader}..{Base64Url.EncodeToString(iv)}.{Base64Url.EncodeToString(ciphertext)}.{Base64Url.EncodeToString(tag)}";
    }

    /// <summary>Concat KDF (NIST SP 800-56A) as RFC 7518 §4.6.2 profiles it: each field length-prefixed, SuppPubInfo the key length in
    /// bits.</summary>
    public static byte[] ConcatKdf(
        ReadOnlySpan<byte> z,
        string algorithmId,
        int keyBits,
        ReadOnlySpan<byte> apu = default,
        ReadOnlySpan<byte> apv = default
    )
    {
        ArgumentNullException.ThrowIfNull(algorithmId);
        var algorithm = Encoding.ASCII.GetBytes(algorithmId);
        var input = new byte[4 + z.Length + 4 + algorithm.Length + 4 + apu.Length + 4 + apv.Length + 4];
        var span = input.AsSpan();
        BinaryPrimitives.WriteInt32BigEndian(span, 1);
        z.CopyTo(span[4..]);
        var offset = 4 + z.Length;
        foreach (var field in new[] { algorithm, apu.ToArray(), apv.ToArray() })
        {
            BinaryPrimitives.WriteInt32BigEndian(span[offset..], field.Length);
            field.CopyTo(span[(offset + 4)..]);
            offset += 4 + field.Length;
        }
        BinaryPrimitives.WriteInt32BigEndian(span[offset..], keyBits);
        // One SHA-256 round yields 256 bits, enough for both A128GCM and A256GCM.
        return SHA256.HashData(input)[..(keyBits / 8)];
    }

    private static byte[] Decode(JsonObject jwk, string member) =>
        jwk[member] is JsonValue value && value.TryGetValue<string>(out var text) && Base64Url.IsValid(text)
            ? Base64Url.DecodeFromChars(text)
            : throw new WalletProtocolException(ErrorCodes.InvalidRequest, $"The verifier's encryption key has no valid '{member}'.");
}
