using GaiaX.Oid4vc.Issuer.Protocol;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Issuer.Clients;

/// <summary>
/// Challenges for client attestation proofs of possession (<c>/challenge</c>), sealed like the DPoP nonces with their own
/// purpose byte (<see cref="SharedMacKey.SealTime"/>), accepted for <see cref="IssuerOptions.ProofMaxAgeSeconds"/>.
/// </summary>
public sealed class AttestationChallenges(SharedMacKey macKey, TimeProvider time, IOptions<IssuerOptions> options)
{
    private const byte Purpose = 0x43; // 'C'

    public async ValueTask<string> IssueAsync(CancellationToken cancellationToken) =>
        SharedMacKey.SealTime(
            await macKey.GetAsync(cancellationToken).ConfigureAwait(false),
            Purpose,
            time.GetUtcNow().ToUnixTimeSeconds()
        );

    /// <summary>Whether <paramref name="value"/> is one this Issuer gave within its lifetime.</summary>
    public async ValueTask<bool> IsFreshAsync(string value, CancellationToken cancellationToken)
    {
        var issued = SharedMacKey.OpenTime(await macKey.GetAsync(cancellationToken).ConfigureAwait(false), Purpose, value);
        var age = time.GetUtcNow().ToUnixTimeSeconds() - issued;
        return age >= -options.Value.ClockSkewSeconds && age <= options.Value.ProofMaxAgeSeconds;
    }
}
