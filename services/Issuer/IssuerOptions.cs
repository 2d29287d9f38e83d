using System.ComponentModel.DataAnnotations;
using GaiaX.Oid4vc.ServiceDefaults;

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
    /// Whether every credential this issuer signs gets a status entry (W3C Bitstring Status List for <c>jwt_vc_json</c>,
    /// Token Status List for <c>dc+sd-jwt</c>) so that it can be revoked or suspended (section <c>StatusList</c>).
    /// </summary>
    public bool CredentialStatus { get; set; } = true;

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

    /// <summary>
    /// A conformance profile (<see cref="Profiles.IssuerProfiles"/>): empty for none, or <c>haip</c> (OpenID4VC HAIP 1.0),
    /// which turns on what the profile requires and refuses settings it forbids.
    /// </summary>
    public string Profile { get; set; } = string.Empty;

    /// <summary>Issue DPoP-bound tokens only: a token request without a DPoP proof is refused (default false).</summary>
    public bool RequireDpop { get; set; }

    /// <summary>
    /// Sign SD-JWT VCs with the signing key's certificate chain as <c>x5c</c> instead of the DID <c>kid</c> (HAIP; default
    /// false). Needs a signing key with a certificate.
    /// </summary>
    public bool SignCredentialsWithX5c { get; set; }

    /// <summary>
    /// DPoP proofs at <c>/par</c>, <c>/token</c> and the protected endpoints must carry a nonce this Issuer gave (RFC 9449
    /// sections 8 and 9; default false). A proof that carries one has it checked either way.
    /// </summary>
    public bool RequireDpopNonce { get; set; }

    /// <summary>How long a DPoP nonce is accepted, in seconds (default 300).</summary>
    [Range(10, 3600)]
    public int DpopNonceLifetimeSeconds { get; set; } = 300;

    /// <summary>Clients registered for <c>private_key_jwt</c> at <c>/par</c> and <c>/token</c> (<c>Issuer:Clients:{n}</c>).</summary>
    public List<Clients.RegisteredClientOptions> Clients { get; set; } = [];

    /// <summary>The wallet providers whose client attestations authenticate wallet instances.</summary>
    public Clients.ClientAttestationOptions ClientAttestation { get; set; } = new();

    /// <summary>The wallet providers whose key attestations are trusted (OpenID4VCI 1.0 appendix D).</summary>
    public Credentials.KeyAttestationOptions KeyAttestation { get; set; } = new();

    /// <summary>Encryption of credential requests and responses (OpenID4VCI 1.0 section 10).</summary>
    public Encryption.CredentialEncryptionOptions CredentialEncryption { get; set; } = new();

    /// <summary>Refuse public clients: every request to <c>/par</c> and <c>/token</c> authenticates its client (default false).</summary>
    public bool RequireClientAuthentication { get; set; }

    /// <summary>How the management API authenticates its callers.</summary>
    public ManagementApiOptions Management { get; set; } = new() { Audience = "gaiax-issuer-management" };
}
