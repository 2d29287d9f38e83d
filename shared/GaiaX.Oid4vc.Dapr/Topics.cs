namespace GaiaX.Oid4vc.Dapr;

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
    public const string CredentialStatusChanged = "credential-status-changed";
    public const string TrustListChanged = "trust-list-changed";

    private const string DeadLetterSuffix = "-dead-letter";

    /// <summary>The dead-letter topic of a subscription to <paramref name="topic"/>.</summary>
    public static string DeadLetter(string topic) => topic + DeadLetterSuffix;

    /// <summary>
    /// The topics every replica of a subscriber must receive (<see cref="DaprComponents.Broadcast"/>): they change what
    /// each replica holds in memory.
    /// </summary>
    public static IReadOnlySet<string> Broadcast { get; } = new HashSet<string>(StringComparer.Ordinal) { TrustListChanged };

    /// <summary>The pub/sub component <paramref name="topic"/> (or its dead-letter topic) travels on.</summary>
    public static string PubSubOf(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        var subject = topic.EndsWith(DeadLetterSuffix, StringComparison.Ordinal) ? topic[..^DeadLetterSuffix.Length] : topic;
        return Broadcast.Contains(subject) ? DaprComponents.Broadcast : DaprComponents.PubSub;
    }

    public static IReadOnlyList<string> All { get; } =
    [
        IssuanceRequested,
        CredentialPrepared,
        CredentialAssessed,
        PresentationVerified,
        ComplianceAssessed,
        OfferCreated,
        CredentialAccepted,
        CredentialFailure,
        CredentialDeleted,
        TrustListChanged,
        CredentialStatusChanged,
    ];
}
