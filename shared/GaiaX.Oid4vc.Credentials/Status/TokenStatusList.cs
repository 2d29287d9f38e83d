using System.Buffers.Text;

namespace GaiaX.Oid4vc.Credentials.Status;

/// <summary>
/// An IETF Token Status List (<c>status_list</c> of a <c>statuslist+jwt</c>): <see cref="Bits"/> bits (1, 2, 4 or 8) per
/// referenced token, index 0 in the least significant bits of the first byte, serialized as base64url (no padding)
/// of its DEFLATE compression in the ZLIB format (<c>lst</c>). Values: 0 valid, 1 invalid (revoked), 2 suspended.
/// </summary>
public sealed class TokenStatusList
{
    public const byte Valid = 0;
    public const byte Invalid = 1;
    public const byte Suspended = 2;

    /// <summary>Largest list accepted when decoding one from elsewhere (16 MiB).</summary>
    public const int DefaultMaxBytes = 16 * 1024 * 1024;

    private readonly byte[] _bytes;

    /// <summary>An all-valid list of <paramref name="entries"/> entries of <paramref name="bits"/> bits.</summary>
    public TokenStatusList(int entries, int bits)
    {
        CheckBits(bits);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(entries);
        Bits = bits;
        _bytes = new byte[(int)(((long)entries * bits + 7) / 8)];
    }

    private TokenStatusList(byte[] bytes, int bits)
    {
        _bytes = bytes;
        Bits = bits;
    }

    /// <summary>A list over a copy of packed <paramref name="bytes"/> of <paramref name="bits"/> bits per entry.</summary>
    public static TokenStatusList FromBytes(ReadOnlySpan<byte> bytes, int bits)
    {
        CheckBits(bits);
        if (bytes.IsEmpty)
        {
            throw new ArgumentException("A status list has at least one byte.", nameof(bytes));
        }
        return new TokenStatusList(bytes.ToArray(), bits);
    }

    public int Bits { get; }

    /// <summary>How many entries the list holds (every bit of its bytes counts).</summary>
    public int Length => _bytes.Length * 8 / Bits;

    public ReadOnlySpan<byte> Bytes => _bytes;

    public byte this[int index]
    {
        get
        {
            CheckIndex(index);
            var (position, shift, mask) = Locate(index);
            return (byte)((_bytes[position] >> shift) & mask);
        }
        set
        {
            CheckIndex(index);
            var (position, shift, mask) = Locate(index);
            if (value > mask)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, $"A status takes {Bits} bit(s).");
            }
            _bytes[position] = (byte)((_bytes[position] & ~(mask << shift)) | (value << shift));
        }
    }

    /// <summary>The <c>lst</c>: base64url(ZLIB(bytes)).</summary>
    public string Encode() => Base64Url.EncodeToString(StatusListCompression.Zlib(_bytes));

    /// <summary>Decodes <c>lst</c> with <paramref name="bits"/> bits per entry; <c>null</c> when it is not base64url ZLIB within
    /// <paramref name="maxBytes"/>, or <paramref name="bits"/> is not 1, 2, 4 or 8.</summary>
    public static TokenStatusList? Decode(string? lst, int bits, int maxBytes = DefaultMaxBytes)
    {
        if (string.IsNullOrEmpty(lst) || bits is not (1 or 2 or 4 or 8))
        {
            return null;
        }
        byte[] compressed;
        try
        {
            compressed = Base64Url.DecodeFromChars(lst);
        }
        catch (FormatException)
        {
            return null;
        }
        var bytes = StatusListCompression.Inflate(compressed, gzip: false, maxBytes);
        return bytes is null || bytes.Length == 0 ? null : new TokenStatusList(bytes, bits);
    }

    private (int Position, int Shift, int Mask) Locate(int index)
    {
        var bit = index * Bits;
        return (bit >> 3, bit & 7, (1 << Bits) - 1);
    }

    private void CheckIndex(int index)
    {
        if ((uint)index >= (uint)Length)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The list has {Length} entries.");
        }
    }

    private static void CheckBits(int bits)
    {
        if (bits is not (1 or 2 or 4 or 8))
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "A Token Status List has 1, 2, 4 or 8 bits per entry.");
        }
    }
}
