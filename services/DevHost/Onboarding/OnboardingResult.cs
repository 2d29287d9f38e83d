using System.Text.Json;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.VcJwt;
using GaiaX.Oid4vc.Wallet;
using GaiaX.Oid4vc.Wallet.Participant;
using GaiaX.Oid4vc.Wallet.Presentation;

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
