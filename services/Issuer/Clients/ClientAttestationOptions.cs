namespace GaiaX.Oid4vc.Issuer.Clients;

/// <summary>The wallet providers whose client attestations the Authorization Server trusts (<c>Issuer:ClientAttestation</c>).</summary>
public sealed class ClientAttestationOptions
{
    /// <summary>Wallet providers (attesters) by <c>iss</c>.</summary>
    public List<ClientAttesterOptions> Attesters { get; set; } = [];

    /// <summary>Largest accepted lifetime of a client attestation (<c>exp</c> from now), in seconds (default one day).</summary>
    public int MaxAttestationLifetimeSeconds { get; set; } = 86400;
}
