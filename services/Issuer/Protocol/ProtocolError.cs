using System.Diagnostics.CodeAnalysis;

namespace GaiaX.Oid4vc.Issuer.Protocol;

/// <summary>
/// An OAuth 2.0 / OpenID4VCI error as the protocol names it: <c>error</c>, <c>error_description</c>
/// and the HTTP status the endpoint answers with.
/// </summary>
public sealed record ProtocolError(string Error, string? Description = null, int StatusCode = 400)
{
    /// <summary>For 401 answers: the <c>WWW-Authenticate</c> scheme (<c>Bearer</c> or <c>DPoP</c>).</summary>
    public string? AuthenticateScheme { get; init; }

    /// <summary>
    /// The request carried no credentials: the challenge names the scheme only, without an error
    /// code (RFC 6750 section 3.1); the body still explains.
    /// </summary>
    public bool ChallengeOnly { get; init; }
}

/// <summary>Error codes of RFC 6749, RFC 6750, RFC 9449 and OpenID4VCI 1.0.</summary>
public static class ErrorCodes
{
    public const string InvalidRequest = "invalid_request";
    public const string InvalidClient = "invalid_client";
    public const string InvalidGrant = "invalid_grant";
    public const string UnauthorizedClient = "unauthorized_client";
    public const string UnsupportedGrantType = "unsupported_grant_type";
    public const string UnsupportedResponseType = "unsupported_response_type";
    public const string InvalidScope = "invalid_scope";
    public const string AccessDenied = "access_denied";
    public const string InvalidAuthorizationDetails = "invalid_authorization_details";
    public const string InvalidRequestUri = "invalid_request_uri";
    public const string InvalidToken = "invalid_token";
    public const string InsufficientScope = "insufficient_scope";
    public const string InvalidDpopProof = "invalid_dpop_proof";
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
}

/// <summary>Either a value or the protocol error that prevented it.</summary>
public readonly struct Outcome<T>
{
    private Outcome(T? value, ProtocolError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public ProtocolError? Error { get; }

    [MemberNotNullWhen(true, nameof(Error))]
    [MemberNotNullWhen(false, nameof(Value))]
    public bool Failed => Error is not null;

    public static Outcome<T> Success(T value) => new(value, null);

    public static Outcome<T> Fail(ProtocolError error) => new(default, error);

    public static Outcome<T> Fail(string error, string? description = null, int status = 400) => new(default, new ProtocolError(error, description, status));

    public static implicit operator Outcome<T>(ProtocolError error) => Fail(error);
}
