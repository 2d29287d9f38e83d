using System.Text.Json;

namespace GaiaX.Oid4vc.Credentials.Jose;

/// <summary>
/// The three parts of a compact JWS as <see cref="Jws.ParseParts"/> reads them: a JSON object header
/// and payload and the signature bytes, nothing in them judged yet.
/// </summary>
public sealed class JwsParts
{
    internal JwsParts(string compact, JsonElement header, JsonElement payload, byte[] signature, int signingInputLength)
    {
        Compact = compact;
        Header = header;
        Payload = payload;
        Signature = signature;
        SigningInputLength = signingInputLength;
    }

    /// <summary>The JWS exactly as received.</summary>
    public string Compact { get; }

    public JsonElement Header { get; }

    public JsonElement Payload { get; }

    /// <summary>The signature (empty when the JWS has none: the caller decides what that means).</summary>
    public ReadOnlyMemory<byte> Signature { get; }

    /// <summary>Length of <c>BASE64URL(header) '.' BASE64URL(payload)</c>, the JWS signing input.</summary>
    public int SigningInputLength { get; }
}
