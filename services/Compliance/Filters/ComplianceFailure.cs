namespace GaiaX.Oid4vc.Compliance.Filters;

/// <summary>
/// One reason a presentation or credential is not compliant: which credential, which filter of the
/// chain found it, the criterion that filter checks, and what exactly is wrong.
/// </summary>
/// <param name="CredentialId">The credential's <c>id</c>, <c>presentation</c> for the envelope, or
/// <c>verifiableCredential[n]</c> when the credential has no usable id.</param>
public sealed record ComplianceFailure(string CredentialId, string Filter, string Criterion, string Message);
