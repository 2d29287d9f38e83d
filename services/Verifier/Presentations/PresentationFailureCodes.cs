using GaiaX.Oid4vc.Credentials.Protocol;

namespace GaiaX.Oid4vc.Verifier.Presentations;

/// <summary>
/// Stable reason codes for a rejected presentation, shown on the request's status. Where a reason has
/// the name of a protocol error code it is that code, spelled once in <see cref="ErrorCodes"/>.
/// </summary>
public static class PresentationFailureCodes
{
    public const string InvalidPresentation = "invalid_presentation";
    public const string InvalidPresentationSignature = "invalid_presentation_signature";
    public const string InvalidAudience = "invalid_audience";
    public const string InvalidNonce = ErrorCodes.InvalidNonce;
    public const string PresentationExpired = "presentation_expired";
    public const string InvalidCredential = "invalid_credential";
    public const string InvalidCredentialSignature = "invalid_credential_signature";
    public const string UntrustedIssuer = "untrusted_issuer";
    public const string CredentialExpired = "credential_expired";
    public const string CredentialNotYetValid = "credential_not_yet_valid";
    public const string InvalidDisclosure = "invalid_disclosure";
    public const string InvalidSdHash = "invalid_sd_hash";
    public const string InvalidTransactionData = ErrorCodes.InvalidTransactionData;
    public const string HolderBindingMissing = "holder_binding_missing";

    /// <summary>A credential presented by another holder than the one it is bound to (cnf or DID subject).</summary>
    public const string HolderBindingMismatch = "holder_binding_mismatch";
    public const string UnsupportedAlgorithm = "unsupported_algorithm";

    /// <summary>A status list of the credential's issuer says it is revoked.</summary>
    public const string CredentialRevoked = "credential_revoked";

    /// <summary>A status list of the credential's issuer says it is suspended.</summary>
    public const string CredentialSuspended = "credential_suspended";

    /// <summary>The credential names a status list that could not be fetched or verified: nothing is known.</summary>
    public const string CredentialStatusUnknown = "credential_status_unknown";
}
