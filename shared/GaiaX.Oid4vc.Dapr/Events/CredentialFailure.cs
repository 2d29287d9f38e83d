namespace GaiaX.Oid4vc.Dapr.Events;

/// <summary>Wallet notification <c>credential_failure</c>.</summary>
[Topic(Topics.CredentialFailure)]
public sealed record CredentialFailure(string NotificationId, string? OfferId = null, string? EventDescription = null) : IntegrationEvent;
