using System.Security.Cryptography;
using System.Text;
using GaiaX.Oid4vc.Credentials.Status;
using GaiaX.Oid4vc.Dapr.Events;
using GaiaX.Oid4vc.Dapr.State;
using GaiaX.Oid4vc.Dapr.StatusLists;

namespace GaiaX.Oid4vc.Issuer.Status;

/// <summary>
/// The credentials this Issuer signed with a status entry, found by id, offer or subject, and their status changes:
/// the list's entry first (what verifiers see), then the record, then a <c>credential-status-changed</c> event.
/// </summary>
public sealed class IssuedCredentialRegistry(IDaprStateStore state, StatusListStore lists, IEventBus events, TimeProvider time)
{
    /// <summary>How long a record (and its index entries) is kept: longer than any credential it describes lives.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(3 * 366);

    private static string Key(string id) => "issued-credential:" + id;

    /// <summary>Ids are <c>urn:uuid:</c> and a UUID; anything else names no credential (and is never a state key).</summary>
    public static bool IsWellFormedId(string? id) =>
        id is { Length: 45 } && id.StartsWith("urn:uuid:", StringComparison.Ordinal) && Guid.TryParseExact(id[9..], "D", out _);

    private static string OfferKey(string offerId) => "issued-by-offer:" + offerId;

    private static string SubjectKey(string subject) =>
        "issued-by-subject:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(subject)));

    public async Task RegisterAsync(IssuedCredentialRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await state.SaveAsync(Key(record.Id), record, Retention, cancellationToken).ConfigureAwait(false);
        if (record.OfferId is not null)
        {
            await AppendAsync(OfferKey(record.OfferId), record.Id, cancellationToken).ConfigureAwait(false);
        }
        if (record.SubjectId is not null)
        {
            await AppendAsync(SubjectKey(record.SubjectId), record.Id, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Ids per index chunk: an append rewrites at most one chunk, however many credentials an offer or subject has.</summary>
    public const int ChunkSize = 64;

    private static string ChunkKey(string key, int chunk) => key + ":" + chunk.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Appends <paramref name="id"/> to the index at <paramref name="key"/>: a head (how many chunks) and chunks of at
    /// most <see cref="ChunkSize"/> ids, so an index that grows never makes an append rewrite it whole.
    /// </summary>
    private async Task AppendAsync(string key, string id, CancellationToken cancellationToken)
    {
        while (true)
        {
            var head = await state.GetVersionedAsync<int>(key, cancellationToken).ConfigureAwait(false);
            if (head is null)
            {
                await state.TryCreateAsync(key, 1, Retention, cancellationToken).ConfigureAwait(false);
                continue;
            }
            var chunkKey = ChunkKey(key, head.Value - 1);
            var chunk = await state.GetVersionedAsync<string[]>(chunkKey, cancellationToken).ConfigureAwait(false);
            if (chunk is null)
            {
                if (await state.TryCreateAsync(chunkKey, new[] { id }, Retention, cancellationToken).ConfigureAwait(false))
                {
                    return;
                }
                continue;
            }
            if (chunk.Value.Contains(id))
            {
                return;
            }
            if (chunk.Value.Length >= ChunkSize)
            {
                // Full: open the next chunk (whoever moves the head first, once).
                await state.TrySaveAsync(key, head.Value + 1, head.ETag, Retention, cancellationToken).ConfigureAwait(false);
                continue;
            }
            if (
                await state
                    .TrySaveAsync(chunkKey, (string[])[.. chunk.Value, id], chunk.ETag, Retention, cancellationToken)
                    .ConfigureAwait(false)
            )
            {
                return;
            }
        }
    }

    public Task<IssuedCredentialRecord?> FindAsync(string id, CancellationToken cancellationToken) =>
        state.GetAsync<IssuedCredentialRecord>(Key(id), cancellationToken);

    public async Task<IReadOnlyList<IssuedCredentialRecord>> FindByOfferAsync(string offerId, CancellationToken cancellationToken) =>
        offerId.Contains("||", StringComparison.Ordinal)
            ? []
            : await FindAllAsync(OfferKey(offerId), cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<IssuedCredentialRecord>> FindBySubjectAsync(string subjectId, CancellationToken cancellationToken) =>
        await FindAllAsync(SubjectKey(subjectId), cancellationToken).ConfigureAwait(false);

    private async Task<IReadOnlyList<IssuedCredentialRecord>> FindAllAsync(string indexKey, CancellationToken cancellationToken)
    {
        var chunks = await state.GetVersionedAsync<int>(indexKey, cancellationToken).ConfigureAwait(false);
        if (chunks is null)
        {
            return [];
        }
        var parts = await state
            .GetManyAsync<string[]>(Enumerable.Range(0, chunks.Value).Select(c => ChunkKey(indexKey, c)).ToList(), cancellationToken)
            .ConfigureAwait(false);
        var ids = parts.Values.SelectMany(p => p).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            return [];
        }
        var records = await state.GetManyAsync<IssuedCredentialRecord>(ids.Select(Key).ToList(), cancellationToken).ConfigureAwait(false);
        return records.Values.OrderBy(r => r.IssuedAt).ToList();
    }

    /// <summary>
    /// Revokes, suspends or reinstates (<paramref name="status"/> <c>valid</c>) a credential. A revoked credential stays
    /// revoked; reinstating is for suspended ones.
    /// </summary>
    public async Task<StatusChangeOutcome> ChangeAsync(string id, string status, string? reason, CancellationToken cancellationToken)
    {
        var record = await FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return new StatusChangeOutcome(null, null, NotFound: true);
        }
        var value = status switch
        {
            CredentialStatusNames.Revoked => TokenStatusList.Invalid,
            CredentialStatusNames.Suspended => TokenStatusList.Suspended,
            _ => TokenStatusList.Valid,
        };
        if (status == CredentialStatusNames.Valid && record.Status == CredentialStatusNames.Valid)
        {
            return new StatusChangeOutcome(record, "The credential is not suspended.");
        }
        var previous = await lists.SetStatusAsync(record.List, record.Index, value, cancellationToken).ConfigureAwait(false);
        if (previous is null)
        {
            return new StatusChangeOutcome(
                record with
                {
                    Status = CredentialStatusNames.Revoked,
                },
                "The credential is revoked; a revocation is final."
            );
        }
        var changed = record with { Status = status, Reason = reason, StatusChangedAt = time.GetUtcNow() };
        await state.SaveAsync(Key(id), changed, Retention, cancellationToken).ConfigureAwait(false);
        if (previous != value)
        {
            await events
                .PublishAsync(new CredentialStatusChanged(id, status, reason, record.List, record.Index, record.OfferId), cancellationToken)
                .ConfigureAwait(false);
        }
        return new StatusChangeOutcome(changed, null);
    }
}
