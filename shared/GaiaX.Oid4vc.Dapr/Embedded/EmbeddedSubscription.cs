namespace GaiaX.Oid4vc.Dapr.Embedded;

/// <summary>A subscription an app lists at <c>GET /dapr/subscribe</c>.</summary>
public sealed record EmbeddedSubscription(string PubsubName, string Topic, string Route, string? DeadLetterTopic);
