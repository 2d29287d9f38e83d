using GaiaX.Oid4vc.Credentials.RegistrationNumbers;
using GaiaX.Oid4vc.Notary.Registries;

namespace GaiaX.Oid4vc.Notary.Verification;

/// <summary>The outcome of verifying one number: the normalised number (when the syntax holds) and what the registry said.</summary>
public sealed record VerificationOutcome(RegistrationNumber? Number, RegistryCheckResult Result, bool FromCache = false);
