using System.ComponentModel.DataAnnotations;
using GaiaX.Oid4vc.ServiceDefaults;
using GaiaX.Oid4vc.Credentials;

namespace GaiaX.Oid4vc.Issuer;

/// <summary>Settings of the Issuer service, bound from the <c>Issuer</c> configuration section.</summary>
public sealed class IssuerOptions
{
    public const string SectionName = "Issuer";

    /// <summary>
    /// The public base URL of this service as wallets and other parties reach it. It is the
    /// Credential Issuer Identifier and the Authorization Server's issuer; endpoint URLs in
    /// metadata are derived from it.
    /// </summary>
    [Required]
    [AbsoluteHttpUrl]
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5101";

    /// <summary>Default lifetime of an offer and its pre-authorized code when the request names none.</summary>
    [Range(30, 30 * 86400)]
    public int OfferLifetimeSeconds { get; set; } = 900;

    /// <summary>Upper bound for <c>expires_in</c> in an offer request.</summary>
    [Range(30, 30 * 86400)]
    public int MaxOfferLifetimeSeconds { get; set; } = 7 * 86400;

    [Range(30, 86400)]
    public int AccessTokenLifetimeSeconds { get; set; } = 900;

    [Range(10, 3600)]
    public int NonceLifetimeSeconds { get; set; } = 300;

    [Range(10, 600)]
    public int AuthorizationCodeLifetimeSeconds { get; set; } = 60;

    [Range(10, 600)]
    public int PushedAuthorizationRequestLifetimeSeconds { get; set; } = 90;

    /// <summary>
    /// Failed transaction-code attempts after which a pre-authorized code is invalidated
    /// (OpenID4VCI 1.0 errata 1, "Transaction Code Guessing").
    /// </summary>
    [Range(1, 100)]
    public int MaxTransactionCodeAttempts { get; set; } = 5;

    /// <summary><c>batch_credential_issuance.batch_size</c>: the most proofs one credential request may carry.</summary>
    [Range(2, 100)]
    public int BatchSize { get; set; } = 10;

    /// <summary>The <c>interval</c> a wallet is asked to wait between deferred credential requests.</summary>
    [Range(1, 86400)]
    public int DeferredIntervalSeconds { get; set; } = 5;

    /// <summary>
    /// How long a refresh token (RFC 6749 section 6) stays usable, counted from the first token
    /// response and not extended by rotation: long enough to collect a deferred credential after the
    /// access token expired. 0 issues no refresh tokens.
    /// </summary>
    [Range(0, 30 * 86400)]
    public int RefreshTokenLifetimeSeconds { get; set; } = 86400;

    /// <summary>
    /// How long after an offer's creation a credential another service prepares (Notary, Compliance)
    /// may take to be ready. Past it a deferred request is denied (<c>credential_request_denied</c>)
    /// and the offer fails with the reason, whatever held the preparation up. Keep it above the
    /// Notary's <c>RegistryOutageDeadlineSeconds</c>, so a registry outage ends in the Notary's reason.
    /// </summary>
    [Range(60, 30 * 86400)]
    public int DeferredPreparationDeadlineSeconds { get; set; } = 3600;

    /// <summary>How long a deferred transaction stays redeemable.</summary>
    [Range(60, 30 * 86400)]
    public int DeferredTransactionLifetimeSeconds { get; set; } = 86400;

    /// <summary>Oldest <c>iat</c> accepted in a key proof or DPoP proof.</summary>
    [Range(10, 3600)]
    public int ProofMaxAgeSeconds { get; set; } = 300;

    /// <summary>Tolerance for clocks running ahead (an <c>iat</c> in the future).</summary>
    [Range(0, 300)]
    public int ClockSkewSeconds { get; set; } = 30;

    /// <summary>When true, <c>/authorize</c> accepts only a <c>request_uri</c> from <c>/par</c>.</summary>
    public bool RequirePushedAuthorizationRequests { get; set; } = true;

    /// <summary>
    /// Validity of credentials this issuer signs itself, in days.
    /// </summary>
    [Range(1, 3650)]
    public int CredentialValidityDays { get; set; } = 365;

    /// <summary>
    /// Each credential this issuer signs gets its own issuance time (<c>iat</c>, <c>nbf</c> /
    /// <c>validFrom</c>; <c>exp</c> / <c>validUntil</c> follow), drawn uniformly from this many
    /// seconds before now, so the credentials of a batch or of consecutive requests share no exact
    /// timestamp a verifier could link them by (RFC 9901 section 10.1). 0 writes the exact time.
    /// </summary>
    [Range(0, 7 * 24 * 3600)]
    public int IssuanceTimeJitterSeconds { get; set; } = 24 * 3600;

    /// <summary>Display names of the issuer (<c>display</c> in issuer metadata).</summary>
    public List<DisplayOptions> Display { get; set; } = [];

    /// <summary>The credential configurations offered, keyed by credential configuration id.</summary>
    public Dictionary<string, CredentialConfigurationOptions> CredentialConfigurations { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How the management API authenticates its callers.</summary>
    public ManagementAuthenticationOptions Management { get; set; } = new();
}

/// <summary>How a credential of a configuration comes to exist.</summary>
public enum CredentialPreparation
{
    /// <summary>The Issuer signs it itself, bound to the key in the wallet's proof.</summary>
    IssuerSigned,

    /// <summary>The Notary signs it (registration numbers) and Compliance assesses it before release.</summary>
    Notary,

    /// <summary>Compliance signs it (the label credential); it is released as delivered.</summary>
    Compliance,
}

/// <summary>One entry of <c>credential_configurations_supported</c>.</summary>
public sealed class CredentialConfigurationOptions
{
    /// <summary><c>jwt_vc_json</c> or <c>dc+sd-jwt</c>.</summary>
    public string Format { get; set; } = CredentialFormats.JwtVcJson;

    /// <summary>The OAuth scope value that requests this configuration.</summary>
    public string? Scope { get; set; }

    public CredentialPreparation Preparation { get; set; } = CredentialPreparation.IssuerSigned;

    /// <summary><c>credential_definition.type</c> of a <c>jwt_vc_json</c> configuration.</summary>
    public List<string> Types { get; set; } = [];

    /// <summary>
    /// <c>@context</c> entries a <c>jwt_vc_json</c> credential carries after the VCDM 2.0 base context,
    /// e.g. the Gaia-X context, without which <c>gx:</c> types and claims expand to no Gaia-X IRI
    /// (and a DCQL query for the expanded type, OpenID4VP 1.0 appendix B.1.1, would not match).
    /// </summary>
    public List<string> Contexts { get; set; } = [];

    /// <summary><c>vct</c> of a <c>dc+sd-jwt</c> configuration.</summary>
    public string? Vct { get; set; }

    public List<ClaimDefinitionOptions> Claims { get; set; } = [];

    public List<DisplayOptions> Display { get; set; } = [];
}

/// <summary>A claims description (OpenID4VCI 1.0 appendix B.2) and how offers are checked against it.</summary>
public sealed class ClaimDefinitionOptions
{
    /// <summary>
    /// The claim's path in the offer's claims, e.g. <c>["gx:legalAddress", "gx:countryCode"]</c>: for
    /// <c>jwt_vc_json</c> inside <c>credentialSubject</c> (metadata publishes it with that prefix), for
    /// <c>dc+sd-jwt</c> from the credential's root.
    /// </summary>
    public List<string> Path { get; set; } = [];

    public bool Mandatory { get; set; }

    /// <summary>Expected JSON type of the value: <c>string</c>, <c>number</c>, <c>boolean</c>, <c>object</c> or <c>array</c>.</summary>
    public string? ValueType { get; set; }

    public List<DisplayOptions> Display { get; set; } = [];
}

/// <summary>A display entry for one locale.</summary>
public sealed class DisplayOptions
{
    public string? Name { get; set; }

    public string? Locale { get; set; }

    public string? Description { get; set; }

    public string? LogoUri { get; set; }

    public string? BackgroundColor { get; set; }

    public string? TextColor { get; set; }
}

/// <summary>
/// Bearer-token validation of the management API: either an OpenID Connect <see cref="Authority"/>
/// whose keys are discovered, a fixed public <see cref="SigningKeyJwk"/>, or (development only)
/// a key generated at start with which <c>DevelopmentTokens</c> mints tokens.
/// </summary>
public sealed class ManagementAuthenticationOptions
{
    [AbsoluteHttpUrl]
    public string? Authority { get; set; }

    /// <summary>The public JWK (JSON) of the token signer, when there is no authority.</summary>
    public string? SigningKeyJwk { get; set; }

    /// <summary>The issuer (<c>iss</c>) expected in tokens signed by <see cref="SigningKeyJwk"/>.</summary>
    public string? TokenIssuer { get; set; }

    /// <summary>The audience (<c>aud</c>) management tokens must carry.</summary>
    [Required]
    public string Audience { get; set; } = "gaiax-issuer-management";

    /// <summary>Generate a signing key at start and let the host mint tokens (DevHost, tests).</summary>
    public bool UseDevelopmentTokens { get; set; }
}
