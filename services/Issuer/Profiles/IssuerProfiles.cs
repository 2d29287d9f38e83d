using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Issuer.Profiles;

/// <summary>
/// The one place that says what a conformance profile of the Issuer requires (<c>Issuer:Profile</c>). <c>haip</c>
/// (OpenID4VC High Assurance Interoperability Profile 1.0) turns on PAR, DPoP-bound tokens and client authentication,
/// and refuses a configuration that cannot meet the profile. Always on, whatever the profile: PKCE with S256 only,
/// ES256 among the proof and DPoP algorithms, signed issuer metadata on request.
/// </summary>
public static class IssuerProfiles
{
    public const string Haip = "haip";

    /// <summary>What <c>haip</c> turns on, as listed in the documentation and the start-up log.</summary>
    public static IReadOnlyList<string> HaipRules { get; } =
    [
        "pushed authorization requests required (Issuer:RequirePushedAuthorizationRequests)",
        "DPoP-bound access tokens only (Issuer:RequireDpop)",
        "client authentication required, by a trusted wallet provider's attestation (Issuer:RequireClientAuthentication, "
            + "Issuer:ClientAttestation:Attesters)",
        "SD-JWT VCs signed with the x5c certificate chain (Issuer:SignCredentialsWithX5c)",
        "PKCE with S256 (always)",
    ];

    /// <summary>Sets what the profile requires; runs after the configuration is bound, before it is validated.</summary>
    public static void Apply(IssuerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Profile == Haip)
        {
            options.RequirePushedAuthorizationRequests = true;
            options.RequireDpop = true;
            options.RequireClientAuthentication = true;
            options.SignCredentialsWithX5c = true;
        }
    }

    /// <summary>Refuses an unknown profile and a configuration the profile cannot work with.</summary>
    public sealed class Validator : IValidateOptions<IssuerOptions>
    {
        public ValidateOptionsResult Validate(string? name, IssuerOptions options)
        {
            ArgumentNullException.ThrowIfNull(options);
            if (options.Profile.Length > 0 && options.Profile != Haip)
            {
                return ValidateOptionsResult.Fail(
                    $"Setting 'Issuer:Profile' is invalid: '{options.Profile}' is not a profile; use '{Haip}' or none."
                );
            }
            if (options.Profile == Haip && options.ClientAttestation.Attesters.Count == 0)
            {
                return ValidateOptionsResult.Fail(
                    "Setting 'Issuer:Profile' is invalid: haip authenticates wallets by client attestation; "
                        + "trust at least one wallet provider (Issuer:ClientAttestation:Attesters)."
                );
            }
            return ValidateOptionsResult.Success;
        }
    }
}
