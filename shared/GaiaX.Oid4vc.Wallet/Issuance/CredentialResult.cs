namespace GaiaX.Oid4vc.Wallet.Issuance;

/// <summary>
/// One credential response: issued credentials (with the <c>notification_id</c>), or a
/// <c>transaction_id</c> and the <c>interval</c> to wait before asking the deferred endpoint.
/// </summary>
public sealed record CredentialResult(IReadOnlyList<string> Credentials, string? NotificationId, string? TransactionId, TimeSpan Interval)
{
    public bool IsDeferred => TransactionId is not null;
}
