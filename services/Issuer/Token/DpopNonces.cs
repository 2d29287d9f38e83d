using GaiaX.Oid4vc.Issuer.Protocol;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Issuer.Token;

/// <summary>
/// Server-provided DPoP nonces (RFC 9449 sections 8 and 9), sealed with the replicas' shared MAC key; the purpose
/// byte keeps a <c>c_nonce</c>, a notification id or an attestation challenge from passing as a DPoP nonce.
/// </summary>
public sealed class DpopNonces(SharedMacKey macKey, TimeProvider time, IOptions<IssuerOptions> options) : DatedSeal(macKey, time, (byte)'D')
{
    protected override int LifetimeSeconds => options.Value.DpopNonceLifetimeSeconds;

    protected override int ClockSkewSeconds => options.Value.ClockSkewSeconds;
}
