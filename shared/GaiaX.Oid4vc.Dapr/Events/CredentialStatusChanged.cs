namespace GaiaX.Oid4vc.Dapr.Events;

/// <summary>
/// A credential this service signed was revoked, suspended or reinstated (<see cref="Status"/> <c>revoked</c>,
/// <c>suspended</c>, <c>valid</c>); its status list shows it within the list's re-sign delay.
/// </summary>
[Topic(Topics.CredentialStatusChanged)]
public sealed record CredentialStatusChanged(
    string CredentialId,
    string Status,
    string? Reason,
    int StatusList,
    int StatusListIndex,
    string? OfferId
) : IntegrationEvent;
