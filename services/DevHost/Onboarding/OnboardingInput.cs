namespace GaiaX.Oid4vc.DevHost.Onboarding;

/// <summary>What the participant brings to the onboarding.</summary>
public sealed record OnboardingInput
{
    public required string LegalName { get; init; }

    public required string VatId { get; init; }

    public required string CountryCode { get; init; }

    /// <summary>The hash of the Gaia-X terms and conditions the participant agrees to (hex SHA-256).</summary>
    public required string TermsAndConditionsHash { get; init; }

    /// <summary>OpenID4VP response mode for the presentation: <c>direct_post</c> or <c>direct_post.jwt</c>.</summary>
    public string ResponseMode { get; init; } = "direct_post.jwt";

    /// <summary>Self-issued VC-JWTs to present instead of the notary's registration number (tests of rejections).</summary>
    public IReadOnlyList<string>? ReplaceRegistrationNumberWith { get; init; }
}
