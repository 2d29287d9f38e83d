using System.Security.Cryptography;
using GaiaX.Oid4vc.Dapr.State;

namespace GaiaX.Oid4vc.Issuer.Protocol;

/// <summary>
/// A 256-bit key every replica of the Issuer shares, for self-contained handles (<c>c_nonce</c>,
/// <c>notification_id</c>) that replicas must recognize without a state read. The first replica to
/// start creates it in the state store (create-only, first write wins); the others read it.
/// </summary>
public sealed class SharedMacKey(IDaprStateStore state)
{
    private const string Key = "issuer-mac-key";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private byte[]? _key;

    public async ValueTask<byte[]> GetAsync(CancellationToken cancellationToken)
    {
        if (_key is { } key)
        {
            return key;
        }
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_key is null)
            {
                await state
                    .TryCreateAsync(
                        Key,
                        new KeyRecord(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))),
                        cancellationToken: cancellationToken
                    )
                    .ConfigureAwait(false);
                var stored = await state.GetAsync<KeyRecord>(Key, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException("The Issuer's shared MAC key could not be read from the state store.");
                _key = Convert.FromBase64String(stored.Value);
            }
            return _key;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Appends a 128-bit HMAC-SHA256 tag to <paramref name="data"/>.</summary>
    public static byte[] Seal(byte[] key, ReadOnlySpan<byte> data)
    {
        var sealedData = new byte[data.Length + 16];
        data.CopyTo(sealedData);
        Span<byte> tag = stackalloc byte[32];
        HMACSHA256.HashData(key, data, tag);
        tag[..16].CopyTo(sealedData.AsSpan(data.Length));
        return sealedData;
    }

    /// <summary>The data of a sealed value whose tag is valid, or null.</summary>
    public static byte[]? Open(byte[] key, ReadOnlySpan<byte> sealedData)
    {
        if (sealedData.Length <= 16)
        {
            return null;
        }
        var data = sealedData[..^16];
        Span<byte> tag = stackalloc byte[32];
        HMACSHA256.HashData(key, data, tag);
        return CryptographicOperations.FixedTimeEquals(tag[..16], sealedData[^16..]) ? data.ToArray() : null;
    }

    /// <summary>
    /// A self-contained, dated value (DPoP nonces, attestation challenges): a version, the <paramref name="purpose"/> byte
    /// that keeps one kind from passing as another, and the time of issue, sealed and base64url-encoded.
    /// </summary>
    public static string SealTime(byte[] key, byte purpose, long unixSeconds)
    {
        var data = new byte[10];
        data[0] = 1;
        data[1] = purpose;
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(data.AsSpan(2), unixSeconds);
        return System.Buffers.Text.Base64Url.EncodeToString(Seal(key, data));
    }

    /// <summary>The time of issue of a <see cref="SealTime"/> value of this <paramref name="purpose"/>, or null.</summary>
    public static long? OpenTime(byte[] key, byte purpose, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length is 0 or > 64 || !System.Buffers.Text.Base64Url.IsValid(value))
        {
            return null;
        }
        var data = Open(key, System.Buffers.Text.Base64Url.DecodeFromChars(value));
        return data is { Length: 10 } && data[0] == 1 && data[1] == purpose
            ? System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(data.AsSpan(2))
            : null;
    }

    private sealed record KeyRecord(string Value);
}
