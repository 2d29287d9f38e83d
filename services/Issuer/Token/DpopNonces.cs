using GaiaX.Oid4vc.Issuer.Protocol;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Issuer.Token;

/// <summary>
/// Server-provided DPoP nonces (RFC 9449 sections 8 and 9), sealed with the replicas' shared MAC key so that every replica
/// accepts a nonce another gave without a state write (<see cref="SharedMacKey.SealTime"/>); the purpose byte keeps a
/// <c>c_nonce</c>, a notification id or an attestation challenge from passing as a DPoP nonce.
/// </summary>
public sealed class DpopNonces(SharedMacKey macKey, TimeProvider time, IOptions<IssuerOptions> options)
{
    private const byte Purpose = 0x44; // 'D'

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
        return age >= -options.Value.ClockSkewSeconds && age <= options.Value.DpopNonceLifetimeSeconds;
    }
}
