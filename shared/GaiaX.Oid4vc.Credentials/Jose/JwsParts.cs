using System.Text.Json;

namespace GaiaX.Oid4vc.Credentials.Jose;

/// <summary>
/// The three parts of a compact JWS as <see cref="Jws.ParseParts"/> reads them: a JSON object header
/// and payload and the signature bytes, nothing in them judged yet. The header and payload live in
/// pooled documents (no copy per JWS): dispose the parts when no element taken from them is used any more.
/// </summary>
public sealed class JwsParts : IDisposable
{
    private readonly JsonDocument _header;
    private readonly JsonDocument _payload;

    internal JwsParts(string compact, JsonDocument header, JsonDocument payload, byte[] signature, int signingInputLength)
    {
        Compact = compact;
        _header = header;
        _payload = payload;
        Signature = signature;
        SigningInputLength = signingInputLength;
    }

    /// <summary>The JWS exactly as received.</summary>
    public string Compact { get; }

    public JsonElement Header => _header.RootElement;

    public JsonElement Payload => _payload.RootElement;

    /// <summary>The signature (empty when the JWS has none: the caller decides what that means).</summary>
    public ReadOnlyMemory<byte> Signature { get; }

    /// <summary>Length of <c>BASE64URL(header) '.' BASE64URL(payload)</c>, the JWS signing input.</summary>
    public int SigningInputLength { get; }

    public void Dispose()
    {
        _header.Dispose();
        _payload.Dispose();
    }
}
