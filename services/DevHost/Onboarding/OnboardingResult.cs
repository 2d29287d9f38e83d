using System.Text.Json.Nodes;

namespace GaiaX.Oid4vc.DevHost.Onboarding;

/// <summary>Everything the onboarding produced, step by step.</summary>
public sealed record OnboardingResult
{
    public string? RegistrationNumberCredential { get; init; }

    public IReadOnlyList<string> SelfIssuedCredentials { get; init; } = [];

    public string? PresentationRequestId { get; init; }

    /// <summary>The Verifier's status view of the presentation request at the end.</summary>
    public JsonObject? PresentationStatus { get; init; }

    public string? LabelCredential { get; init; }
}
