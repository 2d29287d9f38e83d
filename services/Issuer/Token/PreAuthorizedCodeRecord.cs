namespace GaiaX.Oid4vc.Issuer.Token;

/// <summary>A pre-authorized code: which offer it redeems, the transaction code it needs, failed tries so far.</summary>
public sealed record PreAuthorizedCodeRecord
{
    public required string OfferId { get; init; }

    /// <summary>The offer's credential configurations: what <c>authorization_details</c> may ask for.</summary>
    public required IReadOnlyList<string> CredentialConfigurationIds { get; init; }

    /// <summary>SHA-256 of the transaction code, or null when the offer asks for none.</summary>
    public string? TransactionCodeHash { get; init; }

    public int FailedAttempts { get; init; }

    /// <summary>
    /// When a right transaction code was last shown. Written under the ETag the check read, so a
    /// right code counts only against the version it was checked on: a request that read the record
    /// before the lockout was recorded cannot pass after it. It spends nothing; the code stays usable
    /// for a retry until its offer is redeemed.
    /// </summary>
    public DateTimeOffset? VerifiedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }
}
