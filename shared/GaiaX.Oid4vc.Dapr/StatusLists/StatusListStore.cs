using System.Globalization;
using System.Security.Cryptography;
using GaiaX.Oid4vc.Credentials.Status;
using GaiaX.Oid4vc.Dapr.State;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Dapr.StatusLists;

/// <summary>
/// The status lists of the credentials this service signs, in its state store: index allocation (a block of
/// positions per write, each position mapped through the list's keyed permutation, so no write reads or rewrites a
/// list) and status changes (one compare-and-swap of the list's bits).
/// </summary>
public sealed class StatusListStore(IDaprStateStore state, IOptions<StatusListSettings> settings, StatusListUrls urls)
{
    private const string PointerKey = "status-list:pointer";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Queue<(int List, int Position, StatusListPermutation Permutation)> _reserved = new();
    private readonly Dictionary<int, StatusListPermutation> _permutations = [];

    // The URLs of the list allocations come from, built once per list rather than per credential.
    private StatusAllocation? _listUrls;

    private static string MetaKey(int list) => $"status-list:{list.ToString(CultureInfo.InvariantCulture)}:meta";

    private static string BitsKey(int list) => $"status-list:{list.ToString(CultureInfo.InvariantCulture)}:bits";

    /// <summary>A fresh index for a new credential: unique across every process of this service.</summary>
    public async Task<StatusAllocation> AllocateAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_reserved.Count == 0)
            {
                await ReserveBlockAsync(cancellationToken).ConfigureAwait(false);
            }
            var (list, position, permutation) = _reserved.Dequeue();
            if (_listUrls?.List != list)
            {
                _listUrls = new StatusAllocation(
                    list,
                    0,
                    urls.Token(list),
                    urls.Bitstring(list, StatusPurposes.Revocation),
                    urls.Bitstring(list, StatusPurposes.Suspension)
                );
            }
            return _listUrls with { Index = permutation[position] };
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ReserveBlockAsync(CancellationToken cancellationToken)
    {
        var options = settings.Value;
        while (true)
        {
            var pointer = await state.GetAsync<StatusListPointer>(PointerKey, cancellationToken).ConfigureAwait(false);
            if (pointer is null)
            {
                await state
                    .TryCreateAsync(PointerKey, new StatusListPointer(1), cancellationToken: cancellationToken)
                    .ConfigureAwait(false);
                continue;
            }
            var list = pointer.Current;
            var meta = await state.GetVersionedAsync<StatusListMeta>(MetaKey(list), cancellationToken).ConfigureAwait(false);
            if (meta is null)
            {
                var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
                await state
                    .TryCreateAsync(MetaKey(list), new StatusListMeta(key, 0, options.Entries), cancellationToken: cancellationToken)
                    .ConfigureAwait(false);
                continue;
            }
            var (_, cursor, entries) = meta.Value;
            if (cursor >= entries)
            {
                // Full: the next list takes new credentials (whoever moves the pointer first, once).
                await state
                    .UpdateAsync<StatusListPointer>(
                        PointerKey,
                        p => p.Current == list ? new StatusListPointer(list + 1) : p,
                        cancellationToken: cancellationToken
                    )
                    .ConfigureAwait(false);
                continue;
            }
            var take = Math.Min(options.BlockSize, entries - cursor);
            if (
                !await state
                    .TrySaveAsync(
                        MetaKey(list),
                        meta.Value with
                        {
                            Cursor = cursor + take,
                        },
                        meta.ETag,
                        cancellationToken: cancellationToken
                    )
                    .ConfigureAwait(false)
            )
            {
                continue; // another process took this block first
            }
            if (!_permutations.TryGetValue(list, out var permutation))
            {
                permutation = new StatusListPermutation(Convert.FromBase64String(meta.Value.Key), entries);
                _permutations[list] = permutation;
            }
            for (var position = cursor; position < cursor + take; position++)
            {
                _reserved.Enqueue((list, position, permutation));
            }
            return;
        }
    }

    /// <summary>Whether list <paramref name="list"/> exists (has handed out an index).</summary>
    public async Task<StatusListMeta?> FindAsync(int list, CancellationToken cancellationToken = default) =>
        list < 1 ? null : await state.GetAsync<StatusListMeta>(MetaKey(list), cancellationToken).ConfigureAwait(false);

    /// <summary>The statuses of a list (all valid, version 0, until the first change).</summary>
    public async Task<StatusListBits> GetBitsAsync(int list, int entries, CancellationToken cancellationToken = default) =>
        await state.GetAsync<StatusListBits>(BitsKey(list), cancellationToken).ConfigureAwait(false)
        ?? new StatusListBits(new byte[entries / 4], 0);

    /// <summary>
    /// Sets the status at <paramref name="index"/> (<see cref="TokenStatusList.Valid"/>, <see cref="TokenStatusList.Invalid"/>
    /// or <see cref="TokenStatusList.Suspended"/>); the previous status, or <c>null</c> when a revocation stands (final).
    /// </summary>
    public async Task<byte?> SetStatusAsync(int list, int index, byte status, CancellationToken cancellationToken = default)
    {
        var meta = await FindAsync(list, cancellationToken).ConfigureAwait(false)
            ?? throw new ArgumentOutOfRangeException(nameof(list), list, "There is no such status list.");
        if ((uint)index >= (uint)meta.Entries)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, "The index is outside the list.");
        }
        while (true)
        {
            var current = await state.GetVersionedAsync<StatusListBits>(BitsKey(list), cancellationToken).ConfigureAwait(false);
            var bits = current?.Value ?? new StatusListBits(new byte[meta.Entries / 4], 0);
            var statuses = (byte[])bits.Statuses.Clone();
            var shift = (index & 3) * 2;
            var previous = (byte)((statuses[index >> 2] >> shift) & 3);
            if (previous == TokenStatusList.Invalid && status != TokenStatusList.Invalid)
            {
                return null;
            }
            if (previous == status)
            {
                return previous;
            }
            statuses[index >> 2] = (byte)((statuses[index >> 2] & ~(3 << shift)) | (status << shift));
            var next = new StatusListBits(statuses, bits.Version + 1);
            var saved = current is null
                ? await state.TryCreateAsync(BitsKey(list), next, cancellationToken: cancellationToken).ConfigureAwait(false)
                : await state.TrySaveAsync(BitsKey(list), next, current.ETag, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (saved)
            {
                return previous;
            }
        }
    }
}
