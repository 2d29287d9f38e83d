namespace GaiaX.Oid4vc.Dapr.Events;

/// <summary>
/// The Registry's trust list changed (anchors, trusted issuers or revocations); <see cref="Version"/> orders changes, so a
/// subscriber applies each once and ignores older or repeated deliveries. Broadcast (<see cref="Topics.Broadcast"/>):
/// every replica keeps a trust view.
/// </summary>
[Topic(Topics.TrustListChanged)]
public sealed record TrustListChanged(long Version) : IntegrationEvent;
