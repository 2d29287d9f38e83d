namespace GaiaX.Oid4vc.Credentials.Status;

/// <summary>The outcome of a status check: the state and, unless valid, why (for request statuses and logs).</summary>
public sealed record CredentialStatusResult(CredentialStatusState State, string? Reason = null)
{
    public static CredentialStatusResult Valid { get; } = new(CredentialStatusState.Valid);
}
