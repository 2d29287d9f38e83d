using System.Buffers.Binary;
using System.Buffers.Text;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GaiaX.Oid4vc.Credentials.Jose;

/// <summary>
/// JWE compact serialization with ECDH-ES direct key agreement on P-256 (RFC 7518 section 4.6) and AES-GCM content
/// encryption (A128GCM, A256GCM), optionally DEFLATE-compressed (<c>zip</c> <c>DEF</c>, RFC 7516 section 4.1.3): the
/// shape of OpenID4VP 1.0's <c>direct_post.jwt</c> and OpenID4VCI 1.0's encrypted credential requests and responses
/// (section 10). Written on System.Security.Cryptography because the IdentityModel libraries support ECDH-ES only with
/// key wrapping. A fresh ephemeral key per message; the JWE has no encrypted key part.
/// </summary>
public static class EcdhEsJwe
{
    public const string Algorithm = "ECDH-ES";

    public const string Deflate = "DEF";

    private const int MaxHeaderLength = 4096;

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>The content encryption algorithms (<c>enc</c>) supported.</summary>
    public static IReadOnlyList<string> ContentEncryption { get; } = ["A128GCM", "A256GCM"];

    /// <summary>
    /// Encrypts <paramref name="plaintext"/> to the P-256 public key <paramref name="recipient"/>; the header names
    /// <paramref name="kid"/> when given, <paramref name="zip"/> (<c>DEF</c>) when the plaintext is to be compressed first,
    /// and <paramref name="contentType"/> as <c>cty</c>.
    /// </summary>
    public static string Encrypt(
        ReadOnlySpan<byte> plaintext,
        ECParameters recipient,
        string enc,
        string? kid = null,
        string? zip = null,
        string? contentType = null
    )
    {
        ArgumentNullException.ThrowIfNull(enc);
        if (!ContentEncryption.Contains(enc))
        {
            throw new ArgumentException($"enc '{enc}' is not supported; use A128GCM or A256GCM.", nameof(enc));
        }
        if (zip is not (null or Deflate))
        {
            throw new ArgumentException($"zip '{zip}' is not supported; use DEF.", nameof(zip));
        }
        using var recipientKey = ECDiffieHellman.Create(recipient);
        using var recipientPublic = recipientKey.PublicKey;
        using var ephemeral = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var ephemeralPublic = ephemeral.ExportParameters(false);
        var header = new JsonObject
        {
            ["alg"] = Algorithm,
            ["enc"] = enc,
            ["epk"] = new JsonObject
            {
                ["kty"] = "EC",
                ["crv"] = "P-256",
                ["x"] = Base64Url.EncodeToString(ephemeralPublic.Q.X),
                ["y"] = Base64Url.EncodeToString(ephemeralPublic.Q.Y),
            },
        };
        if (kid is not null)
        {
            header["kid"] = kid;
        }
        if (zip is not null)
        {
            header["zip"] = zip;
        }
        if (contentType is not null)
        {
            header["cty"] = contentType;
        }
        var z = ephemeral.DeriveRawSecretAgreement(recipientPublic);
        var cek = ConcatKdf(z, enc, [], [], KeyBits(enc));
        CryptographicOperations.ZeroMemory(z);
        var protectedHeader = Base64Url.EncodeToString(Jws.Serialize(header));
        var content = zip is null ? plaintext : Compress(plaintext);
        var iv = RandomNumberGenerator.GetBytes(12);
        var ciphertext = new byte[content.Length];
        var tag = new byte[16];
        using (var aes = new AesGcm(cek, tag.Length))
        {
            aes.Encrypt(iv, content, ciphertext, tag, Encoding.ASCII.GetBytes(protectedHeader));
        }
        CryptographicOperations.ZeroMemory(cek);
        return $"{protectedHeader}..{Base64Url.EncodeToString(iv)}.{Base64Url.EncodeToString(ciphertext)}.{Base64Url.EncodeToString(tag)}";
    }

    /// <summary>
    /// Decrypts a compact JWE with the P-256 key agreement key <paramref name="recipient"/>. The header must name
    /// ECDH-ES, an <c>enc</c> of <see cref="ContentEncryption"/>, a public P-256 <c>epk</c>, <paramref name="expectedKid"/>
    /// as <c>kid</c> when it carries one, and <c>zip</c> only when <paramref name="maxInflatedLength"/> allows
    /// decompression (0 refuses it); inflated content longer than that is refused, so a small message cannot expand
    /// into a large one.
    /// </summary>
    public static JweDecryptionResult Decrypt(string jwe, ECDiffieHellman recipient, string? expectedKid, int maxInflatedLength = 0)
    {
        ArgumentNullException.ThrowIfNull(jwe);
        ArgumentNullException.ThrowIfNull(recipient);
        var parts = jwe.Split('.');
        if (parts.Length != 5)
        {
            return Fail(JweFailure.Malformed, "the message is not a compact JWE (five parts)");
        }
        if (parts[0].Length > MaxHeaderLength)
        {
            return Fail(JweFailure.Malformed, "the JWE header is too large");
        }
        if (parts[1].Length != 0)
        {
            return Fail(JweFailure.UnsupportedParameters, "ECDH-ES direct key agreement carries no encrypted key");
        }
        var header = ReadHeader(parts[0], expectedKid, maxInflatedLength > 0);
        if (header.Error is not null)
        {
            return Fail(header.Failure, header.Error);
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
            return Fail(JweFailure.Malformed, "the JWE is not valid base64url");
        }
        if (iv.Length != 12 || tag.Length != 16)
        {
            return Fail(JweFailure.Malformed, "AES-GCM needs a 96-bit IV and a 128-bit tag");
        }

        byte[] z;
        try
        {
            // Importing validates that the point is on the curve, which stops invalid-curve attacks.
            using var ephemeral = ECDiffieHellman.Create(header.Epk);
            // PublicKey is a new key object on every read: disposed here, not left to the finalizer thread.
            using var ephemeralPublic = ephemeral.PublicKey;
            z = recipient.DeriveRawSecretAgreement(ephemeralPublic);
        }
        catch (CryptographicException)
        {
            return Fail(JweFailure.Malformed, "the epk is not a valid P-256 public key");
        }

        var cek = ConcatKdf(z, header.Enc!, header.Apu, header.Apv, KeyBits(header.Enc!));
        CryptographicOperations.ZeroMemory(z);
        var plaintext = new byte[ciphertext.Length];
        try
        {
            using var aes = new AesGcm(cek, 16);
            aes.Decrypt(iv, ciphertext, tag, plaintext, Encoding.ASCII.GetBytes(parts[0]));
        }
        catch (AuthenticationTagMismatchException)
        {
            return Fail(JweFailure.NotDecrypted, "the message could not be decrypted with this key");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(cek);
        }
        if (!header.Zipped)
        {
            return new JweDecryptionResult(plaintext, null, JweFailure.None);
        }
        var inflated = Inflate(plaintext, maxInflatedLength);
        return inflated is null
            ? Fail(JweFailure.Malformed, $"the compressed content is not DEFLATE data of at most {maxInflatedLength} bytes")
            : new JweDecryptionResult(inflated, null, JweFailure.None);
    }

    /// <summary>
    /// The Concat KDF of NIST SP 800-56A as profiled by RFC 7518 section 4.6.2 for direct key agreement: AlgorithmID is the
    /// <c>enc</c> value, each field length-prefixed, SuppPubInfo the key length in bits.
    /// </summary>
    public static byte[] ConcatKdf(ReadOnlySpan<byte> z, string algorithmId, ReadOnlySpan<byte> apu, ReadOnlySpan<byte> apv, int keyBits)
    {
        ArgumentNullException.ThrowIfNull(algorithmId);
        var algorithm = Encoding.ASCII.GetBytes(algorithmId);
        var round = new byte[4 + z.Length + 4 + algorithm.Length + 4 + apu.Length + 4 + apv.Length + 4];
        var span = round.AsSpan();
        z.CopyTo(span[4..]);
        var offset = WriteField(span, 4 + z.Length, algorithm);
        offset = WriteField(span, offset, apu);
        offset = WriteField(span, offset, apv);
        BinaryPrimitives.WriteInt32BigEndian(span[offset..], keyBits);

        var keyBytes = keyBits / 8;
        var output = new byte[keyBytes];
        var produced = 0;
        for (var counter = 1; produced < keyBytes; counter++)
        {
            BinaryPrimitives.WriteInt32BigEndian(span, counter);
            var hash = SHA256.HashData(round);
            var take = Math.Min(hash.Length, keyBytes - produced);
            hash.AsSpan(0, take).CopyTo(output.AsSpan(produced));
            produced += take;
        }
        CryptographicOperations.ZeroMemory(round);
        return output;
    }

    private static JweHeader ReadHeader(string encoded, string? expectedKid, bool allowZip)
    {
        try
        {
            var json = StrictUtf8.GetString(Base64Url.DecodeFromChars(encoded));
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 4, AllowDuplicateProperties = false });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return JweHeader.Failed(JweFailure.Malformed, "the JWE header is not a JSON object");
            }
            if (String(root, "alg") != Algorithm)
            {
                return JweHeader.Failed(JweFailure.UnsupportedParameters, "the JWE alg must be ECDH-ES");
            }
            var enc = String(root, "enc");
            if (enc is null || !ContentEncryption.Contains(enc))
            {
                return JweHeader.Failed(JweFailure.UnsupportedParameters, $"the JWE enc '{enc}' is not supported; use A128GCM or A256GCM");
            }
            if (
                root.TryGetProperty("kid", out var kid)
                && expectedKid is not null
                && (kid.ValueKind != JsonValueKind.String || kid.GetString() != expectedKid)
            )
            {
                return JweHeader.Failed(JweFailure.UnknownKey, "the message is encrypted to a key other than the one offered");
            }
            var zipped = false;
            if (root.TryGetProperty("zip", out var zip))
            {
                if (!allowZip || zip.ValueKind != JsonValueKind.String || zip.GetString() != Deflate)
                {
                    return JweHeader.Failed(JweFailure.UnsupportedParameters, "the JWE zip is not accepted here");
                }
                zipped = true;
            }
            if (root.TryGetProperty("crit", out _))
            {
                return JweHeader.Failed(JweFailure.UnsupportedParameters, "no critical JWE header parameter is understood");
            }
            if (!root.TryGetProperty("epk", out var epk) || epk.ValueKind != JsonValueKind.Object)
            {
                return JweHeader.Failed(JweFailure.Malformed, "the JWE header has no epk");
            }
            if (String(epk, "kty") != "EC" || String(epk, "crv") != "P-256" || epk.TryGetProperty("d", out _))
            {
                return JweHeader.Failed(JweFailure.Malformed, "the epk must be a public EC P-256 key");
            }
            var epkParameters = new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = Coordinate(String(epk, "x")), Y = Coordinate(String(epk, "y")) },
            };
            return new JweHeader(enc, epkParameters, Bytes(root, "apu"), Bytes(root, "apv"), zipped, null, JweFailure.None);
        }
        catch (Exception e) when (e is JsonException or FormatException or DecoderFallbackException or InvalidOperationException)
        {
            return JweHeader.Failed(JweFailure.Malformed, "the JWE header is not valid base64url JSON");
        }
    }

    private static byte[] Compress(ReadOnlySpan<byte> plaintext)
    {
        using var output = new MemoryStream();
        using (var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(plaintext);
        }
        return output.ToArray();
    }

    private static byte[]? Inflate(byte[] compressed, int maxLength)
    {
        try
        {
            using var input = new MemoryStream(compressed);
            using var inflate = new DeflateStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[8192];
            int read;
            while ((read = inflate.Read(buffer)) > 0)
            {
                if (output.Length + read > maxLength)
                {
                    return null;
                }
                output.Write(buffer, 0, read);
            }
            return output.ToArray();
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private static int KeyBits(string enc) => enc == "A128GCM" ? 128 : 256;

    private static int WriteField(Span<byte> target, int offset, ReadOnlySpan<byte> value)
    {
        BinaryPrimitives.WriteInt32BigEndian(target[offset..], value.Length);
        value.CopyTo(target[(offset + 4)..]);
        return offset + 4 + value.Length;
    }

    private static string? String(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static byte[] Bytes(JsonElement json, string name) => String(json, name) is { } text ? Base64Url.DecodeFromChars(text) : [];

    private static byte[] Coordinate(string? value)
    {
        var bytes = value is null ? [] : Base64Url.DecodeFromChars(value);
        return bytes.Length == 32 ? bytes : throw new FormatException("A P-256 coordinate has 32 bytes.");
    }

    private static JweDecryptionResult Fail(JweFailure failure, string error) => new(null, error, failure);

    private sealed record JweHeader(string? Enc, ECParameters Epk, byte[] Apu, byte[] Apv, bool Zipped, string? Error, JweFailure Failure)
    {
        public static JweHeader Failed(JweFailure failure, string error) => new(null, default, [], [], false, error, failure);
    }
}
