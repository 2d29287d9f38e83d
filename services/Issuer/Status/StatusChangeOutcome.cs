namespace GaiaX.Oid4vc.Issuer.Status;

/// <summary>What a status change did: the credential as it is now, or why nothing changed.</summary>
public sealed record StatusChangeOutcome(IssuedCredentialRecord? Credential, string? Refusal, bool NotFound = false);
