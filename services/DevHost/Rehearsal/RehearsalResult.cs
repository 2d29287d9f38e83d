using GaiaX.Oid4vc.DevHost.Onboarding;

namespace GaiaX.Oid4vc.DevHost.Rehearsal;

/// <summary>What the rehearsal produced: the onboarding, and the credential of the issuance deferred across a restart.</summary>
public sealed record RehearsalResult(OnboardingResult Onboarding, string? CredentialAfterRestart);
