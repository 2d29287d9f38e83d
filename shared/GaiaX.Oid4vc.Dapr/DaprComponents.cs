namespace GaiaX.Oid4vc.Dapr;

/// <summary>The Dapr component names every service uses.</summary>
public static class DaprComponents
{
    /// <summary>The one state store (<c>state.redis</c> in Kubernetes).</summary>
    public const string StateStore = "statestore";

    /// <summary>
    /// The work pub/sub (<c>pubsub.redis</c> in Kubernetes): one consumer group per app id, so each event is handled by one
    /// replica of each subscribing service.
    /// </summary>
    public const string PubSub = "pubsub";

    /// <summary>
    /// The broadcast pub/sub: one consumer group per pod (<c>consumerID: "{podName}"</c>), so every replica of a subscribing
    /// service receives each event. For events that change what every replica holds (<c>trust-list-changed</c>).
    /// </summary>
    public const string Broadcast = "pubsub-broadcast";

    /// <summary>The pub/sub components events travel on.</summary>
    public static IReadOnlyList<string> PubSubs { get; } = [PubSub, Broadcast];
}
