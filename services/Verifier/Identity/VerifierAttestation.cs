namespace GaiaX.Oid4vc.Verifier.Identity;

/// <summary>
/// A Verifier Attestation JWT (OpenID4VP 1.0 section 12) issued to this Verifier: the client identifier it attests
/// (<c>sub</c>) and the JWT the request objects of the <c>verifier_attestation</c> prefix carry in their <c>jwt</c> header.
/// </summary>
public sealed record VerifierAttestation(string Subject, string Jwt);
