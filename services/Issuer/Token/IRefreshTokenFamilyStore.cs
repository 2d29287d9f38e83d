using GaiaX.Oid4vc.Dapr.State;

namespace GaiaX.Oid4vc.Issuer.Token;

/// <summary>
/// Refresh token families by id. A refresh token is <c>{family id}.{random}</c>: the family record,
/// kept until the chain ends, knows which token of the chain is live, so a rotated one is recognised
/// as reuse rather than as unknown. Rotation and revocation are writes under the family's ETag.
/// </summary>
public interface IRefreshTokenFamilyStore
{
    /// <summary>The write of a new family, for a caller's state transaction.</summary>
    StateChange Prepare(string familyId, RefreshTokenFamily family);

    Task<VersionedState<RefreshTokenFamily>?> FindAsync(string familyId, CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="next"/> if the family is still as <paramref name="read"/>; false when another request changed it
    /// first.</summary>
    Task<bool> TryAdvanceAsync(
        string familyId,
        VersionedState<RefreshTokenFamily> read,
        RefreshTokenFamily next,
        CancellationToken cancellationToken
    );

    /// <summary>Marks the family revoked; the family as it was (null when unknown).</summary>
    Task<RefreshTokenFamily?> RevokeAsync(string familyId, CancellationToken cancellationToken);
}
