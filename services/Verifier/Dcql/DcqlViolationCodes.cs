namespace GaiaX.Oid4vc.Verifier.Dcql;

/// <summary>Codes of <see cref="DcqlViolation"/>, stable for relying parties.</summary>
public static class DcqlViolationCodes
{
    public const string UnknownCredentialQuery = "unknown_credential_query";
    public const string TooManyPresentations = "multiple_not_allowed";
    public const string FormatMismatch = "format_mismatch";
    public const string TypeMismatch = "type_mismatch";
    public const string VctMismatch = "vct_mismatch";
    public const string HolderBindingMissing = "holder_binding_missing";
    public const string UntrustedAuthority = "trusted_authorities_mismatch";
    public const string ClaimMissing = "claim_missing";
    public const string ClaimValueNotAllowed = "claim_value_not_allowed";
    public const string CredentialMissing = "credential_missing";
    public const string CredentialSetUnsatisfied = "credential_set_unsatisfied";
}
