namespace GaiaX.Oid4vc.Issuer.Clients;

/// <summary>The wallet providers whose client attestations the Authorization Server trusts (<c>Issuer:ClientAttestation</c>).</summary>
public sealed class ClientAttestationOptions
{
    /// <summary>Wallet providers (attesters) by <c>iss</c>.</summary>
    public List<ClientAttesterOptions> Attesters { get; set; } = [];

    /// <summary>Largest accepted lifetime of a client attestation (<c>exp</c> from now), in seconds (default one day).</summary>
    public int MaxAttestationLifetimeSeconds { get; set; } = 86400;

    /// <summary>
    /// Proofs of possession must carry a challenge from <c>/challenge</c> (default false; a PoP that carries one has it
    /// checked either way).
    /// </summary>
    public bool RequireChallenge { get; set; }
}
