namespace GaiaX.Oid4vc.Issuer.Protocol;

/// <summary>
/// Dated values the Issuer hands out and later accepts for a while (DPoP nonces, attestation challenges), sealed with the
/// replicas' shared MAC key (<see cref="SharedMacKey.SealTime"/>) so any replica accepts another's without a state write;
/// the <paramref name="purpose"/> byte keeps one kind from passing as another.
/// </summary>
public abstract class DatedSeal(SharedMacKey macKey, TimeProvider time, byte purpose)
{
    /// <summary>How long a value is accepted, in seconds.</summary>
    protected abstract int LifetimeSeconds { get; }

    /// <summary>Tolerance for a value issued by a replica whose clock runs ahead, in seconds.</summary>
    protected abstract int ClockSkewSeconds { get; }

    public async ValueTask<string> IssueAsync(CancellationToken cancellationToken) =>
        SharedMacKey.SealTime(
            await macKey.GetAsync(cancellationToken).ConfigureAwait(false),
            purpose,
            time.GetUtcNow().ToUnixTimeSeconds()
        );

    /// <summary>Whether <paramref name="value"/> is one this Issuer gave within its lifetime.</summary>
    public async ValueTask<bool> IsFreshAsync(string value, CancellationToken cancellationToken)
    {
        var issued = SharedMacKey.OpenTime(await macKey.GetAsync(cancellationToken).ConfigureAwait(false), purpose, value);
        var age = time.GetUtcNow().ToUnixTimeSeconds() - issued;
        return age >= -ClockSkewSeconds && age <= LifetimeSeconds;
    }
}
