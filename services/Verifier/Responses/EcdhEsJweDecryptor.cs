using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GaiaX.Oid4vc.ServiceDefaults;
using GaiaX.Oid4vc.Verifier.Requests;

namespace GaiaX.Oid4vc.Verifier.Responses;

/// <summary>
/// Decrypts a compact JWE made with ECDH-ES direct key agreement (RFC 7518 §4.6) on P-256 and
/// AES-GCM content encryption (A128GCM, A256GCM): the shape OpenID4VP 1.0 §8.3 uses for
/// <c>direct_post.jwt</c>. Written on System.Security.Cryptography because the IdentityModel
/// libraries support ECDH-ES only with key wrapping.
/// </summary>
public static class EcdhEsJweDecryptor
{
    private const int MaxHeaderLength = 4096;

    public static JweDecryptionResult Decrypt(string jwe, EphemeralEncryptionKey key)
    {
        ArgumentNullException.ThrowIfNull(jwe);
        ArgumentNullException.ThrowIfNull(key);
        var parts = jwe.Split('.');
        if (parts.Length != 5)
        {
            return Fail("the response is not a compact JWE (five parts)");
        }
        if (parts[0].Length > MaxHeaderLength)
        {
            return Fail("the JWE header is too large");
        }
        if (parts[1].Length != 0)
        {
            return Fail("ECDH-ES direct key agreement carries no encrypted key");
        }

        string enc;
        ECParameters epk;
        byte[] apu,
            apv;
        try
        {
            // Client JSON like any request body: text that is not Unicode is refused before it is read.
            var (document, _) = JsonRequestBody.Parse(Base64Url.DecodeFromChars(parts[0]));
            if (document is null)
            {
                return Fail("the JWE header is not valid base64url JSON");
            }
            using var header = document;
            var root = header.RootElement;
            if (
                root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("alg", out var alg)
                || alg.ValueKind != JsonValueKind.String
                || alg.GetString() != "ECDH-ES"
            )
            {
                return Fail("the JWE alg must be ECDH-ES");
            }
            if (!root.TryGetProperty("enc", out var encJson) || encJson.ValueKind != JsonValueKind.String)
            {
                return Fail("the JWE header has no enc");
            }
            enc = encJson.GetString()!;
            if (enc is not ("A128GCM" or "A256GCM"))
            {
                return Fail($"the JWE enc '{enc}' is not supported; use A128GCM or A256GCM");
            }
            if (root.TryGetProperty("kid", out var kid) && (kid.ValueKind != JsonValueKind.String || kid.GetString() != key.Kid))
            {
                return Fail("the response is encrypted to a key this request did not offer");
            }
            if (root.TryGetProperty("zip", out _))
            {
                return Fail("compressed JWE payloads are not accepted");
            }
            if (!root.TryGetProperty("epk", out var epkJson) || epkJson.ValueKind != JsonValueKind.Object)
            {
                return Fail("the JWE header has no epk");
            }
            if (String(epkJson, "kty") != "EC" || String(epkJson, "crv") != "P-256" || epkJson.TryGetProperty("d", out _))
            {
                return Fail("the epk must be a public EC P-256 key");
            }
            epk = new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = Coordinate(String(epkJson, "x")), Y = Coordinate(String(epkJson, "y")) },
            };
            apu =
                root.TryGetProperty("apu", out var apuJson) && apuJson.ValueKind == JsonValueKind.String
                    ? Base64Url.DecodeFromChars(apuJson.GetString())
                    : [];
            apv =
                root.TryGetProperty("apv", out var apvJson) && apvJson.ValueKind == JsonValueKind.String
                    ? Base64Url.DecodeFromChars(apvJson.GetString())
                    : [];
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return Fail("the JWE header is not valid base64url JSON");
        }

        byte[] iv,
            ciphertext,
            tag;
        try
        {
            iv = Base64Url.DecodeFromChars(parts[2]);
            ciphertext = Base64Url.DecodeFromChars(parts[3]);
            tag = Base64Url.DecodeFromChars(parts[4]);
        }
        catch (FormatException)
        {
            return Fail("the JWE is not valid base64url");
        }
        if (iv.Length != 12 || tag.Length != 16)
        {
            return Fail("AES-GCM needs a 96-bit IV and a 128-bit tag");
        }

        byte[] z;
        try
        {
            using var recipient = ECDiffieHellman.Create(
                new ECParameters
                {
                    Curve = ECCurve.NamedCurves.nistP256,
                    Q = new ECPoint { X = Base64Url.DecodeFromChars(key.X), Y = Base64Url.DecodeFromChars(key.Y) },
                    D = Base64Url.DecodeFromChars(key.D),
                }
            );
            // Importing validates that the point is on the curve, which stops invalid-curve attacks.
            using var ephemeral = ECDiffieHellman.Create(epk);
            // PublicKey is a new key object on every read: disposed here, not left to the finalizer thread.
            using var ephemeralPublic = ephemeral.PublicKey;
            z = recipient.DeriveRawSecretAgreement(ephemeralPublic);
        }
        catch (CryptographicException)
        {
            return Fail("the epk is not a valid P-256 public key");
        }

        var keyBits = enc == "A128GCM" ? 128 : 256;
        var cek = ConcatKdf(z, enc, apu, apv, keyBits);
        CryptographicOperations.ZeroMemory(z);
        var plaintext = new byte[ciphertext.Length];
        try
        {
            using var aes = new AesGcm(cek, 16);
            aes.Decrypt(iv, ciphertext, tag, plaintext, Encoding.ASCII.GetBytes(parts[0]));
        }
        catch (AuthenticationTagMismatchException)
        {
            return Fail("the response could not be decrypted with this request's key");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(cek);
        }
        return new JweDecryptionResult(plaintext, null);
    }

    /// <summary>
    /// The Concat KDF of NIST SP 800-56A as profiled by RFC 7518 §4.6.2 for direct key agreement:
    /// AlgorithmID is the <c>enc</c> value, each field length-prefixed, SuppPubInfo the key length in bits.
    /// </summary>
    public static byte[] ConcatKdf(ReadOnlySpan<byte> z, string algorithmId, ReadOnlySpan<byte> apu, ReadOnlySpan<byte> apv, int keyBits)
    {
        ArgumentNullException.ThrowIfNull(algorithmId);
        var algorithm = Encoding.ASCII.GetBytes(algorithmId);
        var otherInfo = new byte[4 + algorithm.Length + 4 + apu.Length + 4 + apv.Length + 4];
        var span = otherInfo.AsSpan();
        var offset = WriteField(span, 0, algorithm);
        offset = WriteField(span, offset, apu);
        offset = WriteField(span, offset, apv);
        BinaryPrimitives.WriteInt32BigEndian(span[offset..], keyBits);

        var keyBytes = keyBits / 8;
        var output = new byte[keyBytes];
        var round = new byte[4 + z.Length + otherInfo.Length];
        z.CopyTo(round.AsSpan(4));
        otherInfo.CopyTo(round.AsSpan(4 + z.Length));
        var produced = 0;
        for (var counter = 1; produced < keyBytes; counter++)
        {
            BinaryPrimitives.WriteInt32BigEndian(round, counter);
            var hash = SHA256.HashData(round);
            var take = Math.Min(hash.Length, keyBytes - produced);
            hash.AsSpan(0, take).CopyTo(output.AsSpan(produced));
            produced += take;
        }
        CryptographicOperations.ZeroMemory(round);
        return output;
    }

    private static int WriteField(Span<byte> target, int offset, ReadOnlySpan<byte> value)
    {
        BinaryPrimitives.WriteInt32BigEndian(target[offset..], value.Length);
        value.CopyTo(target[(offset + 4)..]);
        return offset + 4 + value.Length;
    }

    private static string? String(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static byte[] Coordinate(string? value)
    {
        var bytes = value is null ? [] : Base64Url.DecodeFromChars(value);
        return bytes.Length == 32 ? bytes : throw new FormatException("A P-256 coordinate has 32 bytes.");
    }

    private static JweDecryptionResult Fail(string error) => new(null, error);
}
