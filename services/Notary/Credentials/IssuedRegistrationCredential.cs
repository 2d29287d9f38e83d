using GaiaX.Oid4vc.Notary.RegistrationNumbers;
using GaiaX.Oid4vc.Notary.Registries;
using GaiaX.Oid4vc.Notary.Verification;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Notary.Credentials;

/// <summary>A verification and, when the registry confirmed the number, the signed credential.</summary>
public sealed record IssuedRegistrationCredential(VerificationOutcome Outcome, string? Credential);
