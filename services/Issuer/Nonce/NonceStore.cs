using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using GaiaX.Oid4vc.Dapr.State;
using GaiaX.Oid4vc.Issuer.Protocol;

namespace GaiaX.Oid4vc.Issuer.Nonce;

/// <summary>
/// Nonces sealed with the shared MAC key (expiry and 128 random bits inside), so handing one out
/// costs no state write; redeeming one creates a "used" marker in the state store, create-only with
/// a TTL until the nonce expires, so of any number of concurrent redemptions exactly one succeeds.
/// </summary>
public sealed class NonceStore(
    IDaprStateStore state,
    SharedMacKey macKey,
    TimeProvider time,
    Microsoft.Extensions.Options.IOptions<IssuerOptions> options
) : INonceStore
{
    private const int DataLength = 8 + 16;

    public async Task<string> CreateAsync(CancellationToken cancellationToken)
    {
        var key = await macKey.GetAsync(cancellationToken).ConfigureAwait(false);
        Span<byte> data = stackalloc byte[DataLength];
        BinaryPrimitives.WriteInt64BigEndian(data, time.GetUtcNow().AddSeconds(options.Value.NonceLifetimeSeconds).ToUnixTimeSeconds());
        RandomNumberGenerator.Fill(data[8..]);
        return Base64Url.EncodeToString(SharedMacKey.Seal(key, data));
    }

    public async Task<bool> TryConsumeAsync(string nonce, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(nonce) || nonce.Length > 64)
        {
            return false;
        }
        byte[] raw;
        try
        {
            raw = Base64Url.DecodeFromChars(nonce);
        }
        catch (FormatException)
        {
            return false;
        }
        var data = SharedMacKey.Open(await macKey.GetAsync(cancellationToken).ConfigureAwait(false), raw);
        if (data is null || data.Length != DataLength)
        {
            return false;
        }
        var remaining = DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64BigEndian(data)) - time.GetUtcNow();
        if (remaining <= TimeSpan.Zero)
        {
            return false;
        }
        return await state
            .TryCreateAsync(
                "c-nonce-used:" + Base64Url.EncodeToString(data.AsSpan(8)),
                new UsedMarker(true),
                remaining + TimeSpan.FromSeconds(1),
                cancellationToken
            )
            .ConfigureAwait(false);
    }

    private sealed record UsedMarker(bool Used);
}
