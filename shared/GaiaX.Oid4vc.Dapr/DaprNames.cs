[assembly: System.CLSCompliant(false)]

namespace GaiaX.Oid4vc.Dapr;

/// <summary>
/// The Dapr app ids of the services. Kubernetes manifests (<c>dapr.io/app-id</c>), component
/// <c>scopes</c> and the embedded sidecar use exactly these names.
/// </summary>
public static class AppIds
{
    public const string Issuer = "issuer";
    public const string Verifier = "verifier";
    public const string Notary = "notary";
    public const string Compliance = "compliance";

    public static IReadOnlyList<string> All { get; } = [Issuer, Verifier, Notary, Compliance];
}

/// <summary>The Dapr component names every service uses.</summary>
public static class DaprComponents
{
    /// <summary>The one state store (<c>state.redis</c> in Kubernetes).</summary>
    public const string StateStore = "statestore";

    /// <summary>The one pub/sub component (<c>pubsub.redis</c> in Kubernetes).</summary>
    public const string PubSub = "pubsub";
}

/// <summary>
/// Pub/sub topic names, declared once. Topics are the kebab-case names of the integration events;
/// each subscription has a dead-letter topic named <c>&lt;topic&gt;-dead-letter</c>.
/// </summary>
public static class Topics
{
    public const string IssuanceRequested = "issuance-requested";
    public const string CredentialPrepared = "credential-prepared";
    public const string CredentialAssessed = "credential-assessed";
    public const string PresentationVerified = "presentation-verified";
    public const string ComplianceAssessed = "compliance-assessed";
    public const string OfferCreated = "offer-created";
    public const string CredentialAccepted = "credential-accepted";
    public const string CredentialFailure = "credential-failure";
    public const string CredentialDeleted = "credential-deleted";

    /// <summary>The dead-letter topic of a subscription to <paramref name="topic"/>.</summary>
    public static string DeadLetter(string topic) => topic + "-dead-letter";

    public static IReadOnlyList<string> All { get; } =
    [
        IssuanceRequested, CredentialPrepared, CredentialAssessed, PresentationVerified,
        ComplianceAssessed, OfferCreated, CredentialAccepted, CredentialFailure, CredentialDeleted,
    ];
}
