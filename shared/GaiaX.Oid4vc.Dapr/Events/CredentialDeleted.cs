namespace GaiaX.Oid4vc.Dapr.Events;

/// <summary>Wallet notification <c>credential_deleted</c>.</summary>
[Topic(Topics.CredentialDeleted)]
public sealed record CredentialDeleted(string NotificationId, string? OfferId = null, string? EventDescription = null) : IntegrationEvent;
