namespace GaiaX.Oid4vc.Issuer.Credentials;

/// <summary>One prepared credential in its wire form.</summary>
public sealed record PreparedCredential(string Credential, string Format, bool NeedsAssessment);
