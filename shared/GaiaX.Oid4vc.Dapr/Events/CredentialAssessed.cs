namespace GaiaX.Oid4vc.Dapr.Events;

/// <summary>The compliance filter chain's verdict on a prepared credential.</summary>
/// <param name="Reasons">Why it was rejected (empty when accepted).</param>
[Topic(Topics.CredentialAssessed)]
public sealed record CredentialAssessed(string OfferId, bool Accepted, IReadOnlyList<string> Reasons) : IntegrationEvent;
