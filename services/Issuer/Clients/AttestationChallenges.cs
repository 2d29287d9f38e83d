using System.Buffers.Binary;
using System.Buffers.Text;
using GaiaX.Oid4vc.Issuer.Protocol;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Issuer.Clients;

/// <summary>
/// Challenges for client attestation proofs of possession (<c>/challenge</c>), sealed like the DPoP nonces with the
/// replicas' shared MAC key and their own purpose byte, accepted for <see cref="IssuerOptions.ProofMaxAgeSeconds"/>.
/// </summary>
public sealed class AttestationChallenges(SharedMacKey macKey, TimeProvider time, IOptions<IssuerOptions> options)
{
    private const byte Purpose = 0x43; // 'C'

    public async ValueTask<string> IssueAsync(CancellationToken cancellationToken)
    {
        var data = new byte[10];
        data[0] = 1;
        data[1] = Purpose;
        BinaryPrimitives.WriteInt64BigEndian(data.AsSpan(2), time.GetUtcNow().ToUnixTimeSeconds());
        return Base64Url.EncodeToString(SharedMacKey.Seal(await macKey.GetAsync(cancellationToken).ConfigureAwait(false), data));
    }

    /// <summary>Whether <paramref name="challenge"/> is one this Issuer gave within the proof lifetime.</summary>
    public async ValueTask<bool> IsFreshAsync(string challenge, CancellationToken cancellationToken)
    {
        if (challenge.Length is 0 or > 64 || !Base64Url.IsValid(challenge))
        {
            return false;
        }
        var data = SharedMacKey.Open(await macKey.GetAsync(cancellationToken).ConfigureAwait(false), Base64Url.DecodeFromChars(challenge));
        if (data is not { Length: 10 } || data[0] != 1 || data[1] != Purpose)
        {
            return false;
        }
        var settings = options.Value;
        var age = time.GetUtcNow().ToUnixTimeSeconds() - BinaryPrimitives.ReadInt64BigEndian(data.AsSpan(2));
        return age >= -settings.ClockSkewSeconds && age <= settings.ProofMaxAgeSeconds;
    }
}
