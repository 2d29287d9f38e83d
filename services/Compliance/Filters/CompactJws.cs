using System.Buffers.Text;
using System.Text.Json;

namespace GaiaX.Oid4vc.Compliance.Filters;

/// <summary>Splits a compact JWS and parses its header and payload, saying exactly what is wrong.</summary>
internal static class CompactJws
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 32 };

    public static bool TryParse(string compact, out JsonDocument? header, out JsonDocument? payload, out int signingInputLength, out byte[] signature, out string error)
    {
        header = null;
        payload = null;
        signingInputLength = 0;
        signature = [];
        var first = compact.IndexOf('.', StringComparison.Ordinal);
        var second = first < 0 ? -1 : compact.IndexOf('.', first + 1);
        if (first <= 0 || second < 0 || compact.IndexOf('.', second + 1) >= 0)
        {
            error = "is not a compact JWS (three base64url parts separated by dots)";
            return false;
        }
        if (second == first + 1)
        {
            error = "has an empty payload (a detached or truncated JWS)";
            return false;
        }
        if (second == compact.Length - 1)
        {
            error = "has no signature";
            return false;
        }
        try
        {
            header = JsonDocument.Parse(Base64Url.DecodeFromChars(compact.AsSpan(0, first)), Options);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            error = "has a header that is not base64url-encoded JSON";
            return false;
        }
        if (header.RootElement.ValueKind != JsonValueKind.Object)
        {
            header.Dispose();
            header = null;
            error = "has a header that is not a JSON object";
            return false;
        }
        try
        {
            payload = JsonDocument.Parse(Base64Url.DecodeFromChars(compact.AsSpan(first + 1, second - first - 1)), Options);
            signature = Base64Url.DecodeFromChars(compact.AsSpan(second + 1));
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            header.Dispose();
            header = null;
            payload?.Dispose();
            payload = null;
            error = "has a payload or signature that is not base64url (the payload must be JSON)";
            return false;
        }
        if (payload.RootElement.ValueKind != JsonValueKind.Object)
        {
            header.Dispose();
            payload.Dispose();
            header = null;
            payload = null;
            error = "has a payload that is not a JSON object";
            return false;
        }
        signingInputLength = second;
        error = string.Empty;
        return true;
    }
}
