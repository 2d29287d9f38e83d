namespace GaiaX.Oid4vc.Credentials.Protocol;

/// <summary>
/// The error codes every service answers protocol endpoints with: RFC 6749, RFC 6750, RFC 9449,
/// OpenID4VCI 1.0 section 8.3.1 and OpenID4VP 1.0 section 8.5. One list, so a rule never spells a
/// code by hand.
/// </summary>
public static class ErrorCodes
{
    // RFC 6749 section 4.1.2.1 and 5.2
    public const string InvalidRequest = "invalid_request";
    public const string InvalidClient = "invalid_client";
    public const string InvalidGrant = "invalid_grant";
    public const string UnauthorizedClient = "unauthorized_client";
    public const string UnsupportedGrantType = "unsupported_grant_type";
    public const string UnsupportedResponseType = "unsupported_response_type";
    public const string InvalidScope = "invalid_scope";
    public const string AccessDenied = "access_denied";
    public const string ServerError = "server_error";
    public const string TemporarilyUnavailable = "temporarily_unavailable";

    // RFC 9396 and RFC 9126
    public const string InvalidAuthorizationDetails = "invalid_authorization_details";
    public const string InvalidRequestUri = "invalid_request_uri";

    // RFC 6750 section 3.1 and RFC 9449 section 7.1
    public const string InvalidToken = "invalid_token";
    public const string InsufficientScope = "insufficient_scope";
    public const string InvalidDpopProof = "invalid_dpop_proof";

    /// <summary>RFC 9449 sections 8 and 9: the DPoP proof must carry the server's nonce (given in <c>DPoP-Nonce</c>).</summary>
    public const string UseDpopNonce = "use_dpop_nonce";

    /// <summary>Attestation-based client authentication: the proof of possession must carry the server's challenge.</summary>
    public const string UseAttestationChallenge = "use_attestation_challenge";

    // OpenID4VCI 1.0 sections 8.3.1, 9.3 and 11.3
    public const string InvalidCredentialRequest = "invalid_credential_request";
    public const string UnknownCredentialConfiguration = "unknown_credential_configuration";
    public const string UnknownCredentialIdentifier = "unknown_credential_identifier";
    public const string InvalidProof = "invalid_proof";
    public const string InvalidNonce = "invalid_nonce";
    public const string InvalidEncryptionParameters = "invalid_encryption_parameters";
    public const string CredentialRequestDenied = "credential_request_denied";
    public const string InvalidTransactionId = "invalid_transaction_id";
    public const string InvalidNotificationId = "invalid_notification_id";
    public const string InvalidNotificationRequest = "invalid_notification_request";

    // OpenID4VP 1.0 section 8.5
    public const string VpFormatsNotSupported = "vp_formats_not_supported";
    public const string InvalidRequestUriMethod = "invalid_request_uri_method";
    public const string InvalidRequestObject = "invalid_request_object";
    public const string InvalidTransactionData = "invalid_transaction_data";
    public const string WalletUnavailable = "wallet_unavailable";
}
