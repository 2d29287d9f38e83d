namespace GaiaX.Oid4vc.Credentials.Jose;

/// <summary>
/// Why a token, credential, presentation, key or certificate was refused. Protocol services map
/// these to their own error codes (e.g. <c>invalid_proof</c>, <c>invalid_request_object</c>).
/// </summary>
public enum VerificationFailure
{
    /// <summary>Not three (or five) dot-separated parts, or an empty part.</summary>
    Malformed,

    /// <summary>A part is not valid base64url.</summary>
    BadBase64,

    /// <summary>The header or payload is not a JSON object.</summary>
    BadJson,

    /// <summary>Token, document or response larger than the policy allows.</summary>
    Oversized,

    /// <summary><c>alg: none</c> (unsecured JWS) is never accepted.</summary>
    AlgorithmNone,

    /// <summary><c>alg</c> missing or not on the allow-list for this use (HMAC is never on it).</summary>
    AlgorithmNotAllowed,

    /// <summary>The key's type or curve does not match <c>alg</c>.</summary>
    KeyAlgorithmMismatch,

    /// <summary><c>typ</c> missing or not one this use accepts.</summary>
    WrongType,

    /// <summary><c>cty</c> not the one this use requires.</summary>
    WrongContentType,

    /// <summary><c>crit</c> names an extension this implementation does not understand, or is malformed.</summary>
    UnknownCritical,

    /// <summary>The signature does not verify.</summary>
    InvalidSignature,

    /// <summary><c>exp</c> (or <c>validUntil</c>) is in the past.</summary>
    Expired,

    /// <summary><c>nbf</c> (or <c>validFrom</c>) is in the future.</summary>
    NotYetValid,

    /// <summary><c>iat</c> is in the future or too old for this use.</summary>
    IssuedAtInvalid,

    /// <summary>A required claim is missing or has the wrong JSON type.</summary>
    MissingClaim,

    /// <summary>The <c>kid</c> header is required and absent.</summary>
    MissingKeyId,

    /// <summary>The <c>kid</c> is not a DID URL of the issuer's DID.</summary>
    KeyIdNotOfIssuer,

    /// <summary>The <c>iss</c> header and payload claim disagree, or the issuer is not the expected one.</summary>
    IssuerMismatch,

    /// <summary>No key could be found for the token (no verification method with that exact kid, …).</summary>
    KeyNotFound,

    /// <summary>A JWK is malformed, of an unsupported type, or carries private members.</summary>
    InvalidKey,

    /// <summary>A JWK carries private key members where only a public key may appear.</summary>
    PrivateKeyInJwk,

    /// <summary>The DID could not be resolved (HTTP error, timeout, malformed document, SSRF refusal).</summary>
    DidResolutionFailed,

    /// <summary>The DID or URL is not a valid did:web or is not allowed (scheme, host).</summary>
    InvalidDid,

    /// <summary>The address a URL resolves to is refused by the SSRF guard.</summary>
    AddressRefused,

    /// <summary>The certificate chain does not lead to a configured trust anchor.</summary>
    UntrustedChain,

    /// <summary>The leaf certificate is self-signed.</summary>
    SelfSignedCertificate,

    /// <summary>A certificate in the chain is expired or not yet valid.</summary>
    CertificateExpired,

    /// <summary>The leaf certificate may not be used for signatures, or a CA lacks the CA flags.</summary>
    CertificateKeyUsage,

    /// <summary>The leaf certificate lacks the required certificate policy (e.g. EV 2.23.140.1.1).</summary>
    CertificatePolicyMissing,

    /// <summary>The certificate data is malformed.</summary>
    CertificateMalformed,

    /// <summary>The JWK does not equal the leaf certificate's public key.</summary>
    KeyCertificateMismatch,

    /// <summary>The credential or presentation breaks a rule of the W3C VC Data Model 2.0.</summary>
    DataModelViolation,

    /// <summary>An enveloped credential inside a presentation failed its own verification.</summary>
    EnvelopedCredentialInvalid,

    /// <summary>The presentation's or KB-JWT's <c>nonce</c> differs from the expected one.</summary>
    NonceMismatch,

    /// <summary>The presentation's or KB-JWT's <c>aud</c> differs from the expected one.</summary>
    AudienceMismatch,

    /// <summary>The KB-JWT's <c>sd_hash</c> does not match the presented SD-JWT.</summary>
    SdHashMismatch,

    /// <summary>Key binding is required and the presentation has no KB-JWT, or no <c>cnf</c> key.</summary>
    KeyBindingMissing,

    /// <summary>A disclosure is malformed, duplicated, unreferenced, or collides with a claim.</summary>
    DisclosureInvalid,

    /// <summary>The <c>_sd_alg</c> is not supported.</summary>
    UnsupportedHashAlgorithm,

    /// <summary>A certificate of the chain is on the revocation list the validator was given (by its SHA-256).</summary>
    CertificateRevoked,
}
