namespace GaiaX.Oid4vc.Verifier.Responses;

/// <summary>Reason codes for rejections that concern the response as a whole.</summary>
public static class ResponseFailureCodes
{
    public const string StateMismatch = "state_mismatch";
    public const string RequestExpired = "request_expired";
    public const string ResponseTooLarge = "response_too_large";
    public const string DecryptionFailed = "response_decryption_failed";
    public const string EncryptionRequired = "response_encryption_required";
    public const string InvalidVpToken = "invalid_vp_token";
    public const string WalletError = "wallet_error";
    public const string VerificationFailed = "verification_failed";
}
