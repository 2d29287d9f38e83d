using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace GaiaX.Oid4vc.Issuer.Protocol;

/// <summary>Random handles and their storage keys.</summary>
public static class Secrets
{
    /// <summary>
    /// Longer than any handle we give out (32 bytes are 43 characters): a longer one presented is
    /// unknown without being hashed or looked up.
    /// </summary>
    public const int MaxHandleLength = 512;

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
