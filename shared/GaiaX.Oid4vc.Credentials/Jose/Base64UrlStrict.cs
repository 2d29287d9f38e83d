using System.Buffers.Text;

namespace GaiaX.Oid4vc.Credentials.Jose;

/// <summary>
/// base64url without padding, strictly (RFC 7515 §2): a stray '=', '+', '/', whitespace or an
/// impossible length is an error, not something to be tolerated.
/// </summary>
public static class Base64UrlStrict
{
    public static string Encode(ReadOnlySpan<byte> data) => Base64Url.EncodeToString(data);

    public static bool TryDecode(ReadOnlySpan<char> text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length % 4 == 1)
        {
            return false;
        }
        foreach (var c in text)
        {
            if (!(c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_'))
            {
                return false;
            }
        }
        var buffer = new byte[Base64Url.GetMaxDecodedLength(text.Length)];
        // Non-canonical trailing bits and the like are refused by the decoder: an error, not an exception.
        int written;
        try
        {
            if (!Base64Url.TryDecodeFromChars(text, buffer, out written))
            {
                return false;
            }
        }
        catch (FormatException)
        {
            return false;
        }
        bytes = written == buffer.Length ? buffer : buffer[..written];
        return true;
    }
}
