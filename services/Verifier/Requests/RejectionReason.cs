namespace GaiaX.Oid4vc.Verifier.Requests;

/// <summary>A reason for rejecting a response: a stable code and a sentence for people.</summary>
public sealed record RejectionReason(string Code, string Description, string? CredentialQueryId = null);
