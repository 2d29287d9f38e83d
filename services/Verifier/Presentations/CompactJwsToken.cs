using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace GaiaX.Oid4vc.Verifier.Presentations;

/// <summary>
/// A JWS in compact serialization, parsed but not yet trusted. Signature checks go through
/// <see cref="VerifySignature"/>, which enforces the algorithm allow-list (no <c>none</c>, no HMAC).
/// </summary>
public sealed class CompactJwsToken : IDisposable
{
    private const int MaxTokenLength = 256 * 1024;

    /// <summary>Asymmetric JWS algorithms accepted for credentials, presentations and KB-JWTs.</summary>
    public static IReadOnlyList<string> AllowedAlgorithms { get; } = ["ES256", "ES384", "ES512", "PS256", "PS384", "PS512", "RS256", "RS384", "RS512"];

    private readonly JsonDocument _header;
    private readonly JsonDocument _payload;

    private CompactJwsToken(string raw, JsonDocument header, JsonDocument payload, byte[] signature)
    {
        Raw = raw;
        _header = header;
        _payload = payload;
        Signature = signature;
    }

    public string Raw { get; }

    public JsonElement Header => _header.RootElement;

    public JsonElement Payload => _payload.RootElement;

    public byte[] Signature { get; }

    public string? Algorithm => HeaderString("alg");

    public string? Type => HeaderString("typ");

    public string? KeyId => HeaderString("kid");

    public string? HeaderString(string name) => Header.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public string? PayloadString(string name) => Payload.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>A NumericDate claim (seconds since the epoch), or null when absent or not a number.</summary>
    public DateTimeOffset? PayloadTime(string name) =>
        Payload.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var seconds)
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000))
            : null;

    /// <summary>The header's <c>x5c</c> certificates (base64 DER), or an empty list.</summary>
    public IReadOnlyList<string> X5c =>
        Header.TryGetProperty("x5c", out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.String).Select(c => c.GetString()!).ToList()
            : [];

    public static CompactJwsToken? TryParse(string? raw)
    {
        if (string.IsNullOrEmpty(raw) || raw.Length > MaxTokenLength)
        {
            return null;
        }
        var parts = raw.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }
        JsonDocument? header = null;
        try
        {
            header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
            var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            if (header.RootElement.ValueKind != JsonValueKind.Object || payload.RootElement.ValueKind != JsonValueKind.Object)
            {
                header.Dispose();
                payload.Dispose();
                return null;
            }
            return new CompactJwsToken(raw, header, payload, Base64Url.DecodeFromChars(parts[2]));
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            header?.Dispose();
            return null;
        }
    }

    /// <summary>Checks the signature with <paramref name="key"/>; false for a disallowed algorithm.</summary>
    public bool VerifySignature(SecurityKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var algorithm = Algorithm;
        if (algorithm is null || !AllowedAlgorithms.Contains(algorithm))
        {
            return false;
        }
        var factory = key.CryptoProviderFactory;
        if (!factory.IsSupportedAlgorithm(algorithm, key))
        {
            return false;
        }
        var provider = factory.CreateForVerifying(key, algorithm);
        try
        {
            var signingInput = Raw.AsSpan(0, Raw.LastIndexOf('.'));
            return provider.Verify(Encoding.ASCII.GetBytes(signingInput.ToString()), Signature);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
        finally
        {
            factory.ReleaseSignatureProvider(provider);
        }
    }

    public void Dispose()
    {
        _header.Dispose();
        _payload.Dispose();
    }
}
