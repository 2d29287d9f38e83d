using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.Keys;
using GaiaX.Oid4vc.Credentials.Protocol;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Issuer.Encryption;

/// <summary>
/// Encrypted credential requests and responses (OpenID4VCI 1.0 section 10) at <c>/credential</c> and
/// <c>/deferred_credential</c>: the Issuer's ECDH-ES key and what metadata says of it, decryption of a request sent as
/// <c>application/jwt</c>, the rules for a wallet's <c>credential_response_encryption</c>, and encryption of the answer.
/// Every refusal is <c>invalid_encryption_parameters</c>; error responses are never encrypted.
/// </summary>
public sealed class CredentialEncryption : IDisposable
{
    /// <summary>A decrypted, inflated request is at most this long: credential requests are a few kilobytes.</summary>
    public const int MaxRequestLength = 256 * 1024;

    private readonly ECDiffieHellman? _key;

    public CredentialEncryption(IOptions<IssuerOptions> options, IOptions<IdentityOptions> identity, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(environment);
        var settings = options.Value.CredentialEncryption;
        Required = settings.Enabled && settings.Required;
        if (!settings.Enabled)
        {
            return;
        }
        var path = settings.KeyPath;
        if (string.IsNullOrWhiteSpace(path))
        {
            if (identity.Value.Source != IdentitySource.Development)
            {
                return;
            }
            var folder = Path.GetFullPath(
                identity.Value.DataPath ?? Path.Combine(".devhost-data", environment.ApplicationName),
                environment.ContentRootPath
            );
            Directory.CreateDirectory(folder);
            using var created = SecretFile.LoadOrCreateP256Key(Path.Combine(folder, "credential-encryption.key"));
            _key = ECDiffieHellman.Create(created.ExportParameters(true));
        }
        else
        {
            _key = Load(path);
        }
        var publicKey = _key.ExportParameters(false);
        using var ecdsa = ECDsa.Create(publicKey);
        var jwk = Jwk.FromPublicKey(ecdsa);
        KeyId = Jwk.Thumbprint(jwk);
        jwk["kid"] = KeyId;
        jwk["use"] = "enc";
        jwk["alg"] = EcdhEsJwe.Algorithm;
        PublicJwk = jwk;
    }

    /// <summary>Whether this Issuer offers encryption: it has a key.</summary>
    public bool Enabled => _key is not null;

    /// <summary>Whether every request must be encrypted and ask for an encrypted response.</summary>
    public bool Required { get; }

    /// <summary>The <c>kid</c> of the Issuer's key (its RFC 7638 thumbprint).</summary>
    public string? KeyId { get; }

    /// <summary>The Issuer's public key as metadata publishes it.</summary>
    public JsonObject? PublicJwk { get; }

    /// <summary><c>credential_request_encryption</c> of the Credential Issuer metadata (section 12.2.4), or null.</summary>
    public JsonObject? RequestMetadata() =>
        Enabled
            ? new JsonObject
            {
                ["jwks"] = new JsonObject { ["keys"] = new JsonArray(PublicJwk!.DeepClone()) },
                ["enc_values_supported"] = Strings(EcdhEsJwe.ContentEncryption),
                ["zip_values_supported"] = new JsonArray(EcdhEsJwe.Deflate),
                ["encryption_required"] = Required,
            }
            : null;

    /// <summary><c>credential_response_encryption</c> of the Credential Issuer metadata (section 12.2.4), or null.</summary>
    public JsonObject? ResponseMetadata() =>
        Enabled
            ? new JsonObject
            {
                ["alg_values_supported"] = new JsonArray(EcdhEsJwe.Algorithm),
                ["enc_values_supported"] = Strings(EcdhEsJwe.ContentEncryption),
                ["zip_values_supported"] = new JsonArray(EcdhEsJwe.Deflate),
                ["encryption_required"] = Required,
            }
            : null;

    /// <summary>The JSON an encrypted request carries, or why it cannot be read.</summary>
    public Outcome<byte[]> DecryptRequest(string jwe)
    {
        ArgumentNullException.ThrowIfNull(jwe);
        if (_key is null)
        {
            return Invalid<byte[]>("this issuer does not offer credential request encryption: send application/json");
        }
        var result = EcdhEsJwe.Decrypt(jwe.Trim(), _key, KeyId, MaxRequestLength);
        return result.Plaintext is { } plaintext
            ? Outcome<byte[]>.Success(plaintext)
            : Invalid<byte[]>("the encrypted request: " + result.Error);
    }

    /// <summary>
    /// The response encryption <paramref name="request"/> asks for (null for none), or why it cannot be honoured: the
    /// parameters are malformed or unsupported, the request was not itself encrypted (section 8.2: it must be, so the key
    /// cannot be substituted), or this Issuer requires encryption and none was asked for.
    /// </summary>
    public Outcome<ResponseEncryption?> ReadResponseEncryption(JsonElement request, bool requestEncrypted)
    {
        if (Required && !requestEncrypted)
        {
            return Invalid("this issuer requires encrypted credential requests (application/jwt, section 10)");
        }
        if (!request.TryGetProperty("credential_response_encryption", out var parameters))
        {
            return Required
                ? Invalid("this issuer encrypts every credential response: send credential_response_encryption")
                : Outcome<ResponseEncryption?>.Success(null);
        }
        if (_key is null)
        {
            return Invalid("this issuer does not offer credential response encryption");
        }
        if (parameters.ValueKind != JsonValueKind.Object)
        {
            return Invalid("credential_response_encryption is an object with jwk and enc");
        }
        if (!requestEncrypted)
        {
            return Invalid("a request carrying credential_response_encryption must itself be encrypted (section 8.2)");
        }
        var enc = String(parameters, "enc");
        if (enc is null || !EcdhEsJwe.ContentEncryption.Contains(enc))
        {
            return Invalid($"credential_response_encryption.enc must be one of {string.Join(", ", EcdhEsJwe.ContentEncryption)}");
        }
        string? zip = null;
        if (parameters.TryGetProperty("zip", out var zipValue))
        {
            zip = zipValue.ValueKind == JsonValueKind.String ? zipValue.GetString() : null;
            if (zip != EcdhEsJwe.Deflate)
            {
                return Invalid("credential_response_encryption.zip must be DEF");
            }
        }
        if (!parameters.TryGetProperty("jwk", out var jwk) || jwk.ValueKind != JsonValueKind.Object)
        {
            return Invalid("credential_response_encryption.jwk is the wallet's public key as a JWK object");
        }
        if (String(jwk, "alg") != EcdhEsJwe.Algorithm)
        {
            return Invalid("credential_response_encryption.jwk.alg must be present and ECDH-ES (section 10)");
        }
        if (String(jwk, "kty") != "EC" || String(jwk, "crv") != "P-256")
        {
            return Invalid("credential_response_encryption.jwk must be an EC P-256 key");
        }
        if (jwk.TryGetProperty("d", out _))
        {
            return Invalid("credential_response_encryption.jwk must not carry a private key");
        }
        if (jwk.TryGetProperty("use", out var use) && (use.ValueKind != JsonValueKind.String || use.GetString() != "enc"))
        {
            return Invalid("credential_response_encryption.jwk.use, when present, is enc");
        }
        var kid = jwk.TryGetProperty("kid", out var kidValue)
            ? kidValue.ValueKind == JsonValueKind.String
                ? kidValue.GetString()
                : ""
            : null;
        if (kid == "")
        {
            return Invalid("credential_response_encryption.jwk.kid is a string");
        }
        try
        {
            var key = new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = Coordinate(String(jwk, "x")), Y = Coordinate(String(jwk, "y")) },
            };
            // Importing checks that the point is on the curve.
            using (ECDiffieHellman.Create(key)) { }
            return Outcome<ResponseEncryption?>.Success(new ResponseEncryption(key, kid, enc, zip));
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            return Invalid("credential_response_encryption.jwk is not a valid P-256 public key");
        }
    }

    /// <summary>The compact JWE of <paramref name="json"/> for the wallet (<c>application/jwt</c>).</summary>
    public static string Encrypt(ReadOnlySpan<byte> json, ResponseEncryption encryption)
    {
        ArgumentNullException.ThrowIfNull(encryption);
        return EcdhEsJwe.Encrypt(json, encryption.Key, encryption.Enc, encryption.KeyId, encryption.Zip);
    }

    public void Dispose() => _key?.Dispose();

    internal static ECDiffieHellman Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"Setting 'Issuer:CredentialEncryption:KeyPath': {path} does not exist.");
        }
        var key = ECDiffieHellman.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(path));
            if (key.KeySize != 256 || key.ExportParameters(false).Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
            {
                throw new CryptographicException("the key is not on P-256");
            }
            return key;
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new InvalidOperationException(
                $"Setting 'Issuer:CredentialEncryption:KeyPath': {path} holds no P-256 private key in PEM ({ex.Message}).",
                ex
            );
        }
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)v)]);

    private static string? String(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static byte[] Coordinate(string? value)
    {
        var bytes = value is null ? [] : System.Buffers.Text.Base64Url.DecodeFromChars(value);
        return bytes.Length == 32 ? bytes : throw new FormatException("A P-256 coordinate has 32 bytes.");
    }

    private static Outcome<T> Invalid<T>(string description) => Outcome<T>.Fail(ErrorCodes.InvalidEncryptionParameters, description);

    private static Outcome<ResponseEncryption?> Invalid(string description) => Invalid<ResponseEncryption?>(description);
}
