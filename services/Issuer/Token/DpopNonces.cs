using System.Buffers.Binary;
using System.Buffers.Text;
using GaiaX.Oid4vc.Issuer.Protocol;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Issuer.Token;

/// <summary>
/// Server-provided DPoP nonces (RFC 9449 sections 8 and 9), sealed with the replicas' shared MAC key so that every replica
/// accepts a nonce another gave without a state write: a purpose byte and the time of issue, with a 128-bit tag. The
/// purpose byte keeps a <c>c_nonce</c> or a notification id, sealed with the same key, from passing as a DPoP nonce.
/// </summary>
public sealed class DpopNonces(SharedMacKey macKey, TimeProvider time, IOptions<IssuerOptions> options)
{
    private const byte Purpose = 0x44; // 'D'

    public async ValueTask<string> IssueAsync(CancellationToken cancellationToken)
    {
        var data = new byte[10];
        data[0] = 1;
        data[1] = Purpose;
        BinaryPrimitives.WriteInt64BigEndian(data.AsSpan(2), time.GetUtcNow().ToUnixTimeSeconds());
        return Base64Url.EncodeToString(SharedMacKey.Seal(await macKey.GetAsync(cancellationToken).ConfigureAwait(false), data));
    }

    /// <summary>Whether <paramref name="nonce"/> is one this Issuer gave within the nonce lifetime.</summary>
    public async ValueTask<bool> IsFreshAsync(string nonce, CancellationToken cancellationToken)
    {
        if (nonce.Length is 0 or > 64 || !Base64Url.IsValid(nonce))
        {
            return false;
        }
        var data = SharedMacKey.Open(await macKey.GetAsync(cancellationToken).ConfigureAwait(false), Base64Url.DecodeFromChars(nonce));
        if (data is not { Length: 10 } || data[0] != 1 || data[1] != Purpose)
        {
            return false;
        }
        var settings = options.Value;
        var age = time.GetUtcNow().ToUnixTimeSeconds() - BinaryPrimitives.ReadInt64BigEndian(data.AsSpan(2));
        return age >= -settings.ClockSkewSeconds && age <= settings.DpopNonceLifetimeSeconds;
    }
}
