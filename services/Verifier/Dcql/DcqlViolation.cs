namespace GaiaX.Oid4vc.Verifier.Dcql;

/// <summary>One way a response fails to satisfy the DCQL query.</summary>
public sealed record DcqlViolation(string CredentialQueryId, string Code, string Message);
