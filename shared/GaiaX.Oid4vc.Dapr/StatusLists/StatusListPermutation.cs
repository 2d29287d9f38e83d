using System.Buffers.Binary;
using System.Security.Cryptography;

namespace GaiaX.Oid4vc.Dapr.StatusLists;

/// <summary>
/// A keyed pseudo-random permutation of <c>[0, size)</c>: a four-round Feistel network over the smallest even number
/// of bits that covers the size, with cycle walking. Allocating the cursors 0, 1, 2, … of a list through it spreads
/// credentials over the whole list without reading it (herd privacy), and never hands out an index twice.
/// </summary>
public sealed class StatusListPermutation
{
    private const int Rounds = 4;
    private readonly int _size;
    private readonly int _halfBits;
    private readonly uint _halfMask;

    // The round function for every half-block value, computed once (4 × 2^halfBits HMACs, 8 KB for the minimum list
    // size): a permutation lookup is then a few table reads rather than eight one-shot HMACs.
    private readonly uint[] _roundTable;

    public StatusListPermutation(byte[] key, int size)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 2);
        _size = size;
        var bits = 1;
        while ((1L << bits) < size)
        {
            bits++;
        }
        _halfBits = (bits + 1) / 2;
        _halfMask = (1u << _halfBits) - 1;
        _roundTable = new uint[Rounds << _halfBits];
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        Span<byte> input = stackalloc byte[5];
        Span<byte> mac = stackalloc byte[32];
        for (var round = 0; round < Rounds; round++)
        {
            input[0] = (byte)round;
            for (var half = 0u; half <= _halfMask; half++)
            {
                BinaryPrimitives.WriteUInt32BigEndian(input[1..], half);
                hmac.AppendData(input);
                hmac.GetHashAndReset(mac);
                _roundTable[(round << _halfBits) | (int)half] = BinaryPrimitives.ReadUInt32BigEndian(mac) & _halfMask;
            }
        }
    }

    /// <summary>The index of the <paramref name="position"/>-th allocation.</summary>
    public int this[int position]
    {
        get
        {
            if ((uint)position >= (uint)_size)
            {
                throw new ArgumentOutOfRangeException(nameof(position), position, $"The list has {_size} entries.");
            }
            var value = (uint)position;
            do
            {
                value = Encrypt(value);
            } while (value >= (uint)_size);
            return (int)value;
        }
    }

    /// <summary>
    /// Four Feistel rounds; round <c>r</c>'s function is the first 32 bits (big-endian) of HMAC-SHA256(key, r ‖ right as
    /// 4 big-endian bytes), masked to the half-block.
    /// </summary>
    private uint Encrypt(uint value)
    {
        var left = value >> _halfBits;
        var right = value & _halfMask;
        for (var round = 0; round < Rounds; round++)
        {
            var next = left ^ _roundTable[(round << _halfBits) | (int)right];
            left = right;
            right = next;
        }
        return (left << _halfBits) | right;
    }
}
