using GaiaX.Oid4vc.Issuer.Protocol;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Issuer.Clients;

/// <summary>
/// Challenges for client attestation proofs of possession (<c>/challenge</c>), sealed like the DPoP nonces with their own
/// purpose byte, accepted for <see cref="IssuerOptions.ProofMaxAgeSeconds"/>.
/// </summary>
public sealed class AttestationChallenges(SharedMacKey macKey, TimeProvider time, IOptions<IssuerOptions> options)
    : DatedSeal(macKey, time, (byte)'C')
{
    protected override int LifetimeSeconds => options.Value.ProofMaxAgeSeconds;

    protected override int ClockSkewSeconds => options.Value.ClockSkewSeconds;
}
