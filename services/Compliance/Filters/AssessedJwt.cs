using System.Text.Json;
using GaiaX.Oid4vc.Compliance.Verification;
using GaiaX.Oid4vc.Credentials.Jose;

namespace GaiaX.Oid4vc.Compliance.Filters;

/// <summary>
/// A compact JWS under assessment (the VP envelope or one enveloped VC), with what the filters have
/// learned about it so far.
/// </summary>
public class AssessedJwt
{
    internal AssessedJwt(string label, JwsParts parts)
    {
        Label = label;
        Compact = parts.Compact;
        Header = parts.Header;
        Payload = parts.Payload;
        SigningInputLength = parts.SigningInputLength;
        Signature = parts.Signature;
    }

    /// <summary>How failures name this item (its id, or its place in the presentation).</summary>
    public string Label { get; internal set; }

    /// <summary>The JWS exactly as received: the label credential's digest is taken over these bytes.</summary>
    public string Compact { get; }

    public JsonElement Header { get; }

    public JsonElement Payload { get; }

    /// <summary>Length of <c>BASE64URL(header) '.' BASE64URL(payload)</c>, the JWS signing input.</summary>
    public int SigningInputLength { get; }

    public ReadOnlyMemory<byte> Signature { get; }

    public string? Algorithm => HeaderString("alg");

    public string? Type => HeaderString("typ");

    public string? KeyId => HeaderString("kid");

    public string? IssuerHeader => HeaderString("iss");

    /// <summary>The verification method found for <see cref="KeyId"/> (set by the DID filter).</summary>
    public ResolvedVerificationMethod? VerificationMethod { get; internal set; }

    /// <summary>
    /// Set when a filter found a fault after which the cryptographic checks of this item cannot run
    /// (no usable kid, unresolvable DID, …). Content checks (shapes, rules) still run so that the
    /// caller learns every fault at once.
    /// </summary>
    public string? CryptoBlockedBy { get; internal set; }

    public bool CanVerifyCryptographically => CryptoBlockedBy is null;

    private string? HeaderString(string name) =>
        Header.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
