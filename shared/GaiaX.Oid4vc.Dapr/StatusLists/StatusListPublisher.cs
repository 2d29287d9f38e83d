using System.Collections.Concurrent;
using GaiaX.Oid4vc.Credentials.Keys;
using GaiaX.Oid4vc.Credentials.Status;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Dapr.StatusLists;

/// <summary>
/// Signs the lists as they are asked for, and reuses each signature until a change is older than
/// <see cref="StatusListSettings.ResignDelay"/> (many changes, one signature) or half its validity has passed.
/// </summary>
public sealed class StatusListPublisher(
    StatusListStore store,
    StatusListUrls urls,
    ServiceIdentity identity,
    IOptions<StatusListSettings> settings,
    TimeProvider time
)
{
    private readonly ConcurrentDictionary<(int List, string Kind), SignedStatusList> _signed = new();

    /// <summary>
    /// The Status List Token of list <paramref name="list"/> (<paramref name="purpose"/> <c>null</c>) or its
    /// BitstringStatusListCredential for <c>revocation</c> / <c>suspension</c>; <c>null</c> when there is no such list.
    /// </summary>
    public async Task<SignedStatusList?> GetAsync(int list, string? purpose, CancellationToken cancellationToken = default)
    {
        if (purpose is not (null or StatusPurposes.Revocation or StatusPurposes.Suspension))
        {
            return null;
        }
        var options = settings.Value;
        var now = time.GetUtcNow();
        var kind = purpose ?? "token";
        if (_signed.TryGetValue((list, kind), out var cached) && now - cached.SignedAt < options.ResignDelay)
        {
            return cached;
        }
        var meta = await store.FindAsync(list, cancellationToken).ConfigureAwait(false);
        if (meta is null)
        {
            return null;
        }
        var bits = await store.GetBitsAsync(list, meta.Entries, cancellationToken).ConfigureAwait(false);
        if (cached is not null && cached.Version == bits.Version && now - cached.SignedAt < options.Validity / 2)
        {
            return cached;
        }
        var signed = purpose is null ? SignToken(list, meta, bits, now) : SignBitstring(list, purpose, meta, bits, now);
        _signed[(list, kind)] = signed;
        return signed;
    }

    private SignedStatusList SignToken(int list, StatusListMeta meta, StatusListBits bits, DateTimeOffset now)
    {
        var options = settings.Value;
        var tokens = TokenStatusList.FromBytes(bits.Statuses, bits: 2);
        var jwt = StatusListCredentials.SignTokenStatusList(
            urls.Token(list),
            tokens,
            identity.SigningKey,
            identity.Did,
            now,
            now + options.Validity,
            options.Ttl
        );
        return new SignedStatusList(jwt, StatusListCredentials.StatusListJwtMediaType, options.Ttl, bits.Version, now);
    }

    private SignedStatusList SignBitstring(int list, string purpose, StatusListMeta meta, StatusListBits bits, DateTimeOffset now)
    {
        var options = settings.Value;
        var wanted = purpose == StatusPurposes.Revocation ? TokenStatusList.Invalid : TokenStatusList.Suspended;
        var bitstring = new BitstringStatusList(meta.Entries);
        for (var position = 0; position < bits.Statuses.Length; position++)
        {
            var packed = bits.Statuses[position];
            if (packed == 0)
            {
                continue;
            }
            for (var slot = 0; slot < 4; slot++)
            {
                if (((packed >> (slot * 2)) & 3) == wanted)
                {
                    bitstring[(position * 4) + slot] = true;
                }
            }
        }
        var jwt = StatusListCredentials.SignBitstringStatusList(
            urls.Bitstring(list, purpose),
            purpose,
            bitstring,
            identity.SigningKey,
            identity.Did,
            now,
            now + options.Validity,
            options.Ttl,
            time
        );
        return new SignedStatusList(jwt, "application/vc+jwt", options.Ttl, bits.Version, now);
    }
}
