using System.ComponentModel.DataAnnotations;
using GaiaX.Oid4vc.ServiceDefaults;

namespace GaiaX.Oid4vc.Verifier;

/// <summary>Settings of the Verifier service, bound from the <c>Verifier</c> configuration section.</summary>
public sealed class VerifierOptions : IValidatableObject
{
    public const string SectionName = "Verifier";

    /// <summary>
    /// The public base URL of this service as wallets and other parties reach it; identifiers and
    /// endpoint URLs in metadata are derived from it.
    /// </summary>
    [Required]
    [AbsoluteHttpUrl]
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5102";

    /// <summary>How long a wallet may fetch the request object and answer it, in seconds.</summary>
    [Range(30, 86_400)]
    public int RequestLifetimeSeconds { get; set; } = 300;

    /// <summary>How long a request and its outcome stay readable by the relying party, in seconds.</summary>
    [Range(60, 30 * 86_400)]
    public int StatusRetentionSeconds { get; set; } = 86_400;

    /// <summary>Largest authorization response accepted at the response endpoint, in bytes.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxResponseBytes { get; set; } = 512 * 1024;

    /// <summary>
    /// One deadline for verifying all presentations of a response, in seconds: issuers' DID documents
    /// are fetched concurrently, and what has not arrived by then makes the response a refusal.
    /// </summary>
    [Range(1, 120)]
    public int VerificationTimeoutSeconds { get; set; } = 5;

    /// <summary>
    /// How long a response may hold the request while it is judged, in seconds. If its outcome is
    /// never written (a state-store outage), the request can be answered again after this time.
    /// Must exceed <see cref="VerificationTimeoutSeconds"/>.
    /// </summary>
    [Range(5, 3600)]
    public int ResponseProcessingTimeoutSeconds { get; set; } = 60;

    /// <summary>Largest number of presentations in one <c>vp_token</c>.</summary>
    [Range(1, 256)]
    public int MaxPresentations { get; set; } = 16;

    /// <summary>
    /// The scheme and authority of the wallet invocation URL (<c>openid4vp://</c> by default; a
    /// deployment may use a universal link such as <c>https://wallet.example/authorize</c>).
    /// </summary>
    [Required]
    public string WalletInvocationUrl { get; set; } = "openid4vp://";

    /// <summary>Optional X.509 identity for the <c>x509_san_dns</c> client identifier prefix.</summary>
    public VerifierX509Options X509 { get; set; } = new();

    /// <summary>The Verifier Attestation JWT for <c>verifier_attestation</c> client identifiers.</summary>
    public VerifierAttestationOptions VerifierAttestation { get; set; } = new();

    /// <summary>Who may call the management API.</summary>
    public ManagementApiOptions Management { get; set; } = new() { Audience = "gaiax-verifier", RequireHttpsMetadata = true };

    /// <summary>Which credential issuers are trusted.</summary>
    public IssuerTrustOptions Trust { get; set; } = new();

    /// <summary>Nested settings are not covered by attribute validation: checked here so a bad key stops the start.</summary>
    /// <summary>A conformance profile (<see cref="Profiles.VerifierProfiles"/>): empty for none, or <c>haip</c>.</summary>
    public string Profile { get; set; } = string.Empty;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Profile.Length > 0 && Profile != Profiles.VerifierProfiles.Haip)
        {
            yield return new ValidationResult(
                $"'{Profile}' is not a profile; use '{Profiles.VerifierProfiles.Haip}' or none",
                [nameof(Profile)]
            );
        }
        if (Management.Authority is { } authority && !new AbsoluteHttpUrlAttribute().IsValid(authority))
        {
            yield return new ValidationResult("must be an absolute http or https URL without a fragment", ["Management:Authority"]);
        }
        if (ResponseProcessingTimeoutSeconds <= VerificationTimeoutSeconds)
        {
            yield return new ValidationResult(
                "must be greater than VerificationTimeoutSeconds",
                [nameof(ResponseProcessingTimeoutSeconds)]
            );
        }
        foreach (var problem in ValidateRegistryTrust(Trust.Registry))
        {
            yield return problem;
        }
        if (string.IsNullOrWhiteSpace(Management.Audience))
        {
            yield return new ValidationResult("is required", ["Management:Audience"]);
        }
        if (Management.SigningKeyJwk is { Length: > 0 } jwk && !Parses(() => new Microsoft.IdentityModel.Tokens.JsonWebKey(jwk)))
        {
            yield return new ValidationResult("is not a JSON Web Key", ["Management:SigningKeyJwk"]);
        }
        if (Management.SigningKeysJwks is { Length: > 0 } jwks && !Parses(() => new Microsoft.IdentityModel.Tokens.JsonWebKeySet(jwks)))
        {
            yield return new ValidationResult("is not a JSON Web Key Set", ["Management:SigningKeysJwks"]);
        }
    }

    private static IEnumerable<ValidationResult> ValidateRegistryTrust(RegistryTrustOptions registry)
    {
        const string prefix = "Trust:Registry:";
        if (registry.IssuerRole is { } role && !Verifier.Trust.TrustListSnapshot.IsRole(role))
        {
            yield return new ValidationResult(
                "must be a Registry role: lower-case letters, digits and dashes (e.g. verifier-trusted-issuer)",
                [prefix + nameof(RegistryTrustOptions.IssuerRole)]
            );
        }
        if (!registry.Follow && (registry.IssuerRole is not null || registry.Bootstrap))
        {
            yield return new ValidationResult(
                "has no effect unless Trust:Registry:Follow is true",
                [
                    prefix
                        + (
                            registry.IssuerRole is not null
                                ? nameof(RegistryTrustOptions.IssuerRole)
                                : nameof(RegistryTrustOptions.Bootstrap)
                        ),
                ]
            );
        }
        if (registry.RefreshSeconds is < 1 or > 3600)
        {
            yield return new ValidationResult("must be between 1 and 3600 seconds", [prefix + nameof(RegistryTrustOptions.RefreshSeconds)]);
        }
    }

    private static bool Parses(Func<object> parse)
    {
        try
        {
            parse();
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
