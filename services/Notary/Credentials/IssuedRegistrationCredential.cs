using GaiaX.Oid4vc.Notary.Verification;

namespace GaiaX.Oid4vc.Notary.Credentials;

/// <summary>A verification and, when the registry confirmed the number, the signed credential.</summary>
public sealed record IssuedRegistrationCredential(VerificationOutcome Outcome, string? Credential);
