namespace GaiaX.Oid4vc.Issuer.Deferred;

/// <summary>A deferred issuance: which offer's credential the wallet waits for.</summary>
public sealed record DeferredTransactionRecord
{
    public required string OfferId { get; init; }

    public required string CredentialConfigurationId { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>When the credential must be ready at the latest (<see cref="PreparationDeadline"/>).</summary>
    public DateTimeOffset? PreparationDeadline { get; init; }

    /// <summary>When the credential was deferred (for the deferred-wait metric; absent in older records).</summary>
    public DateTimeOffset? DeferredAt { get; init; }
}
