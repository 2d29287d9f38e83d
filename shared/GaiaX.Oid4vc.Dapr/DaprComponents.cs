namespace GaiaX.Oid4vc.Dapr;

/// <summary>The Dapr component names every service uses.</summary>
public static class DaprComponents
{
    /// <summary>The one state store (<c>state.redis</c> in Kubernetes).</summary>
    public const string StateStore = "statestore";

    /// <summary>The one pub/sub component (<c>pubsub.redis</c> in Kubernetes).</summary>
    public const string PubSub = "pubsub";
}
