using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GaiaX.Oid4vc.Issuer.Protocol;

/// <summary>
/// The asymmetric JWS algorithms accepted from wallets (key proofs, DPoP proofs). <c>none</c> and
/// every HMAC algorithm are refused: a proof must be checkable with the public key it names.
/// </summary>
public static class JoseAlgorithms
{
    public static IReadOnlyList<string> AllowedForProofs { get; } = ["ES256", "ES384", "ES512", "PS256", "PS384", "PS512", "RS256"];

    public static bool IsAllowed(string? alg) => alg is not null && AllowedForProofs.Contains(alg, StringComparer.Ordinal);
}

/// <summary>A public key taken from a JWK, ready to verify signatures, with its RFC 7638 thumbprint.</summary>
public sealed class PublicJwk : IDisposable
{
    private static readonly string[] PrivateMembers = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

    private PublicJwk(JsonObject json, AsymmetricAlgorithm key, string thumbprint)
    {
        Json = json;
        Key = key;
        Thumbprint = thumbprint;
    }

    /// <summary>The JWK as received, reduced to its public members.</summary>
    public JsonObject Json { get; }

    public AsymmetricAlgorithm Key { get; }

    /// <summary>The base64url SHA-256 JWK thumbprint (RFC 7638).</summary>
    public string Thumbprint { get; }

    /// <summary>Parses a public JWK; a JWK holding private or symmetric key material is refused.</summary>
    public static PublicJwk? TryParse(JsonElement element, out string? problem)
    {
        problem = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            problem = "jwk is not a JSON object";
            return null;
        }
        foreach (var member in PrivateMembers)
        {
            if (element.TryGetProperty(member, out _))
            {
                problem = member == "k" ? "jwk holds a symmetric key" : "jwk holds private key material";
                return null;
            }
        }
        var kty = Str(element, "kty");
        try
        {
            switch (kty)
            {
                case "EC":
                {
                    var crv = Str(element, "crv");
                    var (curve, size) = crv switch
                    {
                        "P-256" => (ECCurve.NamedCurves.nistP256, 32),
                        "P-384" => (ECCurve.NamedCurves.nistP384, 48),
                        "P-521" => (ECCurve.NamedCurves.nistP521, 66),
                        _ => (default(ECCurve), 0),
                    };
                    var x = Bytes(element, "x");
                    var y = Bytes(element, "y");
                    if (size == 0 || x is null || y is null || x.Length != size || y.Length != size)
                    {
                        problem = "jwk is not a valid P-256, P-384 or P-521 public key";
                        return null;
                    }
                    var ec = ECDsa.Create(new ECParameters { Curve = curve, Q = new ECPoint { X = x, Y = y } });
                    var json = new JsonObject { ["kty"] = "EC", ["crv"] = crv, ["x"] = Str(element, "x"), ["y"] = Str(element, "y") };
                    var canonical = $"{{\"crv\":\"{crv}\",\"kty\":\"EC\",\"x\":\"{Str(element, "x")}\",\"y\":\"{Str(element, "y")}\"}}";
                    return new PublicJwk(json, ec, Thumb(canonical));
                }
                case "RSA":
                {
                    var n = Bytes(element, "n");
                    var e = Bytes(element, "e");
                    if (n is null || e is null || n.Length < 256)
                    {
                        problem = "jwk is not an RSA public key of at least 2048 bits";
                        return null;
                    }
                    var rsa = RSA.Create(new RSAParameters { Modulus = n, Exponent = e });
                    var json = new JsonObject { ["kty"] = "RSA", ["n"] = Str(element, "n"), ["e"] = Str(element, "e") };
                    var canonical = $"{{\"e\":\"{Str(element, "e")}\",\"kty\":\"RSA\",\"n\":\"{Str(element, "n")}\"}}";
                    return new PublicJwk(json, rsa, Thumb(canonical));
                }
                default:
                    problem = kty is null ? "jwk has no kty" : $"jwk key type {kty} is not supported";
                    return null;
            }
        }
        catch (CryptographicException)
        {
            problem = "jwk is not a valid public key";
            return null;
        }
    }

    /// <summary>Builds the JWK of an X.509 certificate's public key (for <c>x5c</c> proofs).</summary>
    public static PublicJwk? FromCertificate(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        problem = null;
        JsonObject json;
        if (certificate.GetECDsaPublicKey() is { } ec)
        {
            var p = ec.ExportParameters(false);
            var crv = p.Curve.Oid.FriendlyName switch { "nistP256" or "ECDSA_P256" => "P-256", "nistP384" or "ECDSA_P384" => "P-384", "nistP521" or "ECDSA_P521" => "P-521", _ => null };
            ec.Dispose();
            if (crv is null)
            {
                problem = "the certificate's curve is not supported";
                return null;
            }
            json = new JsonObject { ["kty"] = "EC", ["crv"] = crv, ["x"] = Base64Url.EncodeToString(p.Q.X), ["y"] = Base64Url.EncodeToString(p.Q.Y) };
        }
        else if (certificate.GetRSAPublicKey() is { } rsa)
        {
            var p = rsa.ExportParameters(false);
            rsa.Dispose();
            json = new JsonObject { ["kty"] = "RSA", ["n"] = Base64Url.EncodeToString(p.Modulus), ["e"] = Base64Url.EncodeToString(p.Exponent) };
        }
        else
        {
            problem = "the certificate's key type is not supported";
            return null;
        }
        using var document = JsonDocument.Parse(json.ToJsonString());
        return TryParse(document.RootElement, out problem);
    }

    /// <summary>Verifies a JWS signature made with <paramref name="alg"/>.</summary>
    public bool Verify(string alg, ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature)
    {
        return (alg, Key) switch
        {
            ("ES256", ECDsa ec) when ec.KeySize == 256 => ec.VerifyData(signingInput, signature, HashAlgorithmName.SHA256),
            ("ES384", ECDsa ec) when ec.KeySize == 384 => ec.VerifyData(signingInput, signature, HashAlgorithmName.SHA384),
            ("ES512", ECDsa ec) when ec.KeySize == 521 => ec.VerifyData(signingInput, signature, HashAlgorithmName.SHA512),
            ("PS256", RSA rsa) => rsa.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pss),
            ("PS384", RSA rsa) => rsa.VerifyData(signingInput, signature, HashAlgorithmName.SHA384, RSASignaturePadding.Pss),
            ("PS512", RSA rsa) => rsa.VerifyData(signingInput, signature, HashAlgorithmName.SHA512, RSASignaturePadding.Pss),
            ("RS256", RSA rsa) => rsa.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            _ => false,
        };
    }

    public void Dispose() => Key.Dispose();

    private static string? Str(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static byte[]? Bytes(JsonElement element, string name)
    {
        var text = Str(element, name);
        if (text is null)
        {
            return null;
        }
        try
        {
            return Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string Thumb(string canonical) => Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
}

/// <summary>A compact JWS split into its parts, header parsed, signature not yet checked.</summary>
public sealed class CompactJws : IDisposable
{
    private CompactJws(JsonDocument header, JsonDocument payload, byte[] signingInput, byte[] signature)
    {
        HeaderDocument = header;
        PayloadDocument = payload;
        SigningInput = signingInput;
        Signature = signature;
    }

    public JsonDocument HeaderDocument { get; }

    public JsonDocument PayloadDocument { get; }

    public JsonElement Header => HeaderDocument.RootElement;

    public JsonElement Payload => PayloadDocument.RootElement;

    public byte[] SigningInput { get; }

    public byte[] Signature { get; }

    public string? HeaderString(string name) =>
        Header.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Parses <c>header.payload.signature</c>; both JSON parts must be objects.</summary>
    public static CompactJws? TryParse(string? jws, int maxLength = 16 * 1024)
    {
        if (string.IsNullOrEmpty(jws) || jws.Length > maxLength)
        {
            return null;
        }
        var first = jws.IndexOf('.', StringComparison.Ordinal);
        var second = first < 0 ? -1 : jws.IndexOf('.', first + 1);
        if (first <= 0 || second < 0 || jws.IndexOf('.', second + 1) >= 0)
        {
            return null;
        }
        JsonDocument? header = null;
        try
        {
            header = JsonDocument.Parse(Base64Url.DecodeFromChars(jws.AsSpan(0, first)));
            var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(jws.AsSpan(first + 1, second - first - 1)));
            var signature = Base64Url.DecodeFromChars(jws.AsSpan(second + 1));
            if (header.RootElement.ValueKind != JsonValueKind.Object || payload.RootElement.ValueKind != JsonValueKind.Object)
            {
                header.Dispose();
                payload.Dispose();
                return null;
            }
            return new CompactJws(header, payload, Encoding.ASCII.GetBytes(jws, 0, second), signature);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            header?.Dispose();
            return null;
        }
    }

    /// <summary>Signs <paramref name="payload"/> with ES256 under <paramref name="header"/>.</summary>
    public static string SignEs256(JsonObject header, ReadOnlySpan<byte> payloadUtf8, ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(key);
        var headerPart = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(header));
        var payloadPart = Base64Url.EncodeToString(payloadUtf8);
        var signingInput = string.Concat(headerPart, ".", payloadPart);
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256);
        return string.Concat(signingInput, ".", Base64Url.EncodeToString(signature));
    }

    public void Dispose()
    {
        HeaderDocument.Dispose();
        PayloadDocument.Dispose();
    }
}

/// <summary>Random handles and their storage keys.</summary>
public static class Secrets
{
    /// <summary>A URL-safe random value with <paramref name="bytes"/> bytes of entropy.</summary>
    public static string NewHandle(int bytes = 32)
    {
        Span<byte> buffer = stackalloc byte[bytes];
        RandomNumberGenerator.Fill(buffer);
        return Base64Url.EncodeToString(buffer);
    }

    /// <summary>
    /// The storage key of a secret: its SHA-256, so the state store never holds a usable code or token.
    /// </summary>
    public static string Hash(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(secret), digest);
        return Base64Url.EncodeToString(digest);
    }

    /// <summary>Compares two secrets in constant time.</summary>
    public static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    /// <summary>A numeric transaction code of <paramref name="length"/> digits.</summary>
    public static string NewNumericCode(int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = (char)('0' + RandomNumberGenerator.GetInt32(10));
        }
        return new string(chars);
    }

    /// <summary>A text transaction code of <paramref name="length"/> characters without look-alikes.</summary>
    public static string NewTextCode(int length)
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        }
        return new string(chars);
    }
}
