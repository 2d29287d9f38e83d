using System.ComponentModel.DataAnnotations;
using GaiaX.Oid4vc.ServiceDefaults;

namespace GaiaX.Oid4vc.WebConsole;

/// <summary>
/// The console's settings (<c>Console:*</c>): where each service's public API is, and how operators sign in: OpenID
/// Connect against <see cref="Authority"/> (production; the user's access token goes to the services), or the development
/// sign-in with <see cref="DevelopmentTokens"/> kept on the server (DevHost).
/// </summary>
public sealed class ConsoleOptions : IValidatableObject
{
    public const string SectionName = "Console";

    [Required]
    public ServiceUrls Services { get; set; } = new();

    /// <summary>The OpenID provider operators sign in at (discovery at <c>/.well-known/openid-configuration</c>).</summary>
    [AbsoluteHttpUrl]
    public string? Authority { get; set; }

    /// <summary>The console's client id at <see cref="Authority"/>.</summary>
    public string? ClientId { get; set; }

    /// <summary>
    /// The console's client secret at <see cref="Authority"/> (a confidential client; from a Secret, never a file in the image).
    /// </summary>
    public string? ClientSecret { get; set; }

    /// <summary>
    /// Scopes asked for besides <c>openid</c> and <c>profile</c>: the management scopes the pages use (issuer.offers.write, …),
    /// space-separated. The access token must name each service's management audience.
    /// </summary>
    public string Scope { get; set; } =
        "issuer.offers.write issuer.offers.read issuer.credentials.status verifier.requests.write verifier.requests.read "
        + "registry.trust.read registry.trust.write";

    /// <summary>
    /// Development only (DevHost): a sign-in button instead of OpenID Connect, the services called with
    /// <see cref="DevelopmentTokens"/> or the tokens DevHost mints. Never with an <see cref="Authority"/>.
    /// </summary>
    public bool DevelopmentSignIn { get; set; }

    /// <summary>Development tokens per service (<c>issuer</c>, <c>verifier</c>, <c>registry</c>); kept on the server.</summary>
    public Dictionary<string, string> DevelopmentTokens { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How often the live status of an offer or a presentation request is asked for, in milliseconds.</summary>
    [Range(250, 60_000)]
    public int PollIntervalMilliseconds { get; set; } = 1000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var hasAuthority = !string.IsNullOrWhiteSpace(Authority);
        if (hasAuthority && DevelopmentSignIn)
        {
            yield return new ValidationResult(
                "is for development only and cannot be combined with Console:Authority",
                [nameof(DevelopmentSignIn)]
            );
        }
        if (!hasAuthority && !DevelopmentSignIn)
        {
            yield return new ValidationResult(
                "is required: the OpenID provider operators sign in at (or DevelopmentSignIn=true under DevHost)",
                [nameof(Authority)]
            );
        }
        if (hasAuthority && string.IsNullOrWhiteSpace(ClientId))
        {
            yield return new ValidationResult("is required with Console:Authority", [nameof(ClientId)]);
        }
        foreach (var (name, url) in Services.All)
        {
            if (string.IsNullOrWhiteSpace(url) || !new AbsoluteHttpUrlAttribute().IsValid(url))
            {
                yield return new ValidationResult(
                    "must be the absolute http or https URL of the service's public API",
                    [$"{nameof(Services)}:{name}"]
                );
            }
        }
    }
}
