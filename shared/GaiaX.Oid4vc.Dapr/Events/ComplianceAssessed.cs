namespace GaiaX.Oid4vc.Dapr.Events;

/// <summary>The Compliance service's verdict on a set of presented credentials.</summary>
/// <param name="LabelCredential">The issued compliance (label) credential when compliant.</param>
/// <param name="Failures">Each rule that failed (empty when compliant).</param>
[Topic(Topics.ComplianceAssessed)]
public sealed record ComplianceAssessed(string RequestId, bool Compliant, string? LabelCredential, IReadOnlyList<string> Failures)
    : IntegrationEvent;
