using System.Buffers.Text;

namespace GaiaX.Oid4vc.Credentials.Status;

/// <summary>
/// A W3C Bitstring Status List v1.0 bitstring: one bit per credential (statusSize 1), index 0 the left-most (most
/// significant) bit of the first byte, at least <see cref="MinimumEntries"/> entries (herd privacy), serialized as
/// the multibase base64url (prefix <c>u</c>, no padding) of its GZIP compression (<c>encodedList</c>).
/// </summary>
public sealed class BitstringStatusList
{
    /// <summary>The minimum length of a bitstring: 16 KiB, 131,072 entries (section 3.1 of the specification).</summary>
    public const int MinimumEntries = 131_072;

    /// <summary>Largest bitstring accepted when decoding one from elsewhere (16 MiB, 134 million entries).</summary>
    public const int DefaultMaxBytes = 16 * 1024 * 1024;

    private readonly byte[] _bits;

    /// <summary>An all-zero list of <paramref name="entries"/> entries (a multiple of 8, at least <see cref="MinimumEntries"/>).</summary>
    public BitstringStatusList(int entries = MinimumEntries)
    {
        if (entries < MinimumEntries || entries % 8 != 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(entries),
                entries,
                $"A bitstring has at least {MinimumEntries} entries, a multiple of 8."
            );
        }
        _bits = new byte[entries / 8];
    }

    private BitstringStatusList(byte[] bits) => _bits = bits;

    public int Length => _bits.Length * 8;

    /// <summary>The raw bitstring (read-only view).</summary>
    public ReadOnlySpan<byte> Bytes => _bits;

    public bool this[int index]
    {
        get
        {
            CheckIndex(index);
            return (_bits[index >> 3] & (0x80 >> (index & 7))) != 0;
        }
        set
        {
            CheckIndex(index);
            if (value)
            {
                _bits[index >> 3] |= (byte)(0x80 >> (index & 7));
            }
            else
            {
                _bits[index >> 3] &= (byte)~(0x80 >> (index & 7));
            }
        }
    }

    /// <summary>The <c>encodedList</c>: <c>u</c> + base64url(GZIP(bitstring)).</summary>
    public string Encode() => "u" + Base64Url.EncodeToString(StatusListCompression.Gzip(_bits));

    /// <summary>
    /// Decodes an <c>encodedList</c>; <c>null</c> when it is not multibase base64url, not GZIP, shorter than
    /// <see cref="MinimumEntries"/> or longer than <paramref name="maxBytes"/> once inflated.
    /// </summary>
    public static BitstringStatusList? Decode(string? encodedList, int maxBytes = DefaultMaxBytes)
    {
        if (encodedList is null || encodedList.Length < 2 || encodedList[0] != 'u')
        {
            return null;
        }
        byte[] compressed;
        try
        {
            compressed = Base64Url.DecodeFromChars(encodedList.AsSpan(1));
        }
        catch (FormatException)
        {
            return null;
        }
        var bits = StatusListCompression.Inflate(compressed, gzip: true, maxBytes);
        return bits is null || bits.Length < MinimumEntries / 8 ? null : new BitstringStatusList(bits);
    }

    private void CheckIndex(int index)
    {
        if ((uint)index >= (uint)Length)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The list has {Length} entries.");
        }
    }
}
