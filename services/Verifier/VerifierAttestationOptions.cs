namespace GaiaX.Oid4vc.Verifier;

/// <summary>
/// The Verifier Attestation JWT for the <c>verifier_attestation</c> client identifier prefix (OpenID4VP 1.0 section 12):
/// issued by a party wallets trust, <c>sub</c> this Verifier's client identifier, <c>cnf.jwk</c> the service key.
/// </summary>
public sealed class VerifierAttestationOptions
{
    /// <summary>A file holding the attestation JWT (a mounted secret); empty for none.</summary>
    public string? Path { get; set; }
}
