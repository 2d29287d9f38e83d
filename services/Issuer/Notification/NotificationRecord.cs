namespace GaiaX.Oid4vc.Issuer.Notification;

/// <summary>An issuance the wallet may report on: the offer, the configuration, the token that got it.</summary>
public sealed record NotificationRecord
{
    public string? OfferId { get; init; }

    public required string CredentialConfigurationId { get; init; }

    /// <summary>SHA-256 of the access token the credentials were issued to.</summary>
    public required string AccessTokenHash { get; init; }
}
