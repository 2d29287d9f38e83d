using GaiaX.Oid4vc.Dapr.State;
using GaiaX.Oid4vc.Issuer.Protocol;

namespace GaiaX.Oid4vc.Issuer.Token;

public sealed class RefreshTokenFamilyStore(IDaprStateStore state, TimeProvider time) : IRefreshTokenFamilyStore
{
    private static readonly TimeSpan Retention = TimeSpan.FromMinutes(1);

    /// <summary>A new refresh token of <paramref name="familyId"/>.</summary>
    public static string NewToken(string familyId) => familyId + "." + Secrets.NewHandle();

    /// <summary>The family a refresh token names, or null when it is not shaped like one of ours.</summary>
    public static string? FamilyOf(string refreshToken)
    {
        ArgumentNullException.ThrowIfNull(refreshToken);
        var dot = refreshToken.IndexOf('.', StringComparison.Ordinal);
        if (refreshToken.Length > Secrets.MaxHandleLength || dot is < 1 or > 64)
        {
            return null;
        }
        var familyId = refreshToken[..dot];
        return familyId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? familyId : null;
    }

    public StateChange Prepare(string familyId, RefreshTokenFamily family)
    {
        ArgumentNullException.ThrowIfNull(family);
        return StateChange.Upsert(Key(familyId), family, Ttl(family));
    }

    public Task<VersionedState<RefreshTokenFamily>?> FindAsync(string familyId, CancellationToken cancellationToken) =>
        state.GetVersionedAsync<RefreshTokenFamily>(Key(familyId), cancellationToken);

    public Task<bool> TryAdvanceAsync(
        string familyId,
        VersionedState<RefreshTokenFamily> read,
        RefreshTokenFamily next,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(next);
        return state.TrySaveAsync(Key(familyId), next, read.ETag, Ttl(next), cancellationToken);
    }

    public async Task<RefreshTokenFamily?> RevokeAsync(string familyId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 16; attempt++)
        {
            var current = await FindAsync(familyId, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return null;
            }
            if (
                current.Value.Revoked
                || await state
                    .TrySaveAsync(Key(familyId), current.Value with { Revoked = true }, current.ETag, Ttl(current.Value), cancellationToken)
                    .ConfigureAwait(false)
            )
            {
                return current.Value;
            }
        }
        throw new InvalidOperationException($"Refresh token family {familyId} kept changing under concurrent updates.");
    }

    // Kept until the chain ends, so a rotated token is recognised for as long as it could have been used.
    private TimeSpan Ttl(RefreshTokenFamily family)
    {
        var ttl = family.ExpiresAt - time.GetUtcNow() + Retention;
        return ttl > TimeSpan.Zero ? ttl : Retention;
    }

    private static string Key(string familyId) => "refresh-family:" + familyId;
}
