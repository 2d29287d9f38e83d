using System.Security.Cryptography;
using System.Text;
using GaiaX.Oid4vc.Credentials.Status;
using GaiaX.Oid4vc.Dapr.Events;
using GaiaX.Oid4vc.Dapr.State;
using GaiaX.Oid4vc.Dapr.StatusLists;
using GaiaX.Oid4vc.ServiceDefaults.Memory;
using Microsoft.Extensions.Caching.Memory;

namespace GaiaX.Oid4vc.Issuer.Status;

/// <summary>
/// The credentials this Issuer signed with a status entry, found by id, offer or subject, and their status changes:
/// the list's entry first (what verifiers see), then the record, then a <c>credential-status-changed</c> event.
/// </summary>
public sealed class IssuedCredentialRegistry(IDaprStateStore state, StatusListStore lists, IEventBus events, TimeProvider time)
    : IIdleTrimmable,
        IDisposable
{
    // Per index, the entry this process writes next (a hint: a create-only write keeps two writers apart). An offer's index
    // is written once or twice within minutes and a subject's now and then, so a cursor lives ten minutes unused; a
    // missing one costs one bulk read after the lost race. Two per issuance, up to 100,000 for an hour, held ~35 MB.
    private readonly MemoryCache _cursors = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    /// <summary>How long a record (and its index entries) is kept: longer than any credential it describes lives.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(3 * 366);

    private static string Key(string id) => "issued-credential:" + id;

    /// <summary>Ids are <c>urn:uuid:</c> and a UUID; anything else names no credential (and is never a state key).</summary>
    public static bool IsWellFormedId(string? id) =>
        id is { Length: 45 } && id.StartsWith("urn:uuid:", StringComparison.Ordinal) && Guid.TryParseExact(id[9..], "D", out _);

    private static string OfferKey(string offerId) => "issued-by-offer:" + offerId;

    private static string SubjectKey(string subject) =>
        "issued-by-subject:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(subject)));

    /// <summary>
    /// Records the credentials of one credential response; done when they are in the state store. Responses are
    /// group-committed: one writer records, in one state transaction, every response that queued while its previous
    /// write ran (a record per credential and one entry per offer and subject index). An index is a run of create-only
    /// entries (<c>key:0</c>, <c>key:1</c>, …), so a write appends without reading or rewriting what the index already
    /// holds; which entry is next is remembered per process and found again (one read) when another process took it.
    /// </summary>
    public Task RegisterAsync(IReadOnlyList<IssuedCredentialRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return Task.CompletedTask;
        }
        var pending = new PendingRegistration(records);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(IssuedCredentialRegistry));
        }
        if (Interlocked.Exchange(ref _writerStarted, 1) == 0)
        {
            _ = Task.Run(WriteQueuedAsync, CancellationToken.None);
        }
        // A caller that gives up still has its records written: a credential signed but not handed out is harmless.
        return pending.Written.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Records per transaction at most (one response's records always go together).</summary>
    public const int MaxRecordsPerWrite = 256;

    /// <summary>How long one write may take before its responses fail (and the writer moves on).</summary>
    public static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(10);

    private readonly System.Threading.Channels.Channel<PendingRegistration> _queue =
        System.Threading.Channels.Channel.CreateUnbounded<PendingRegistration>(
            new System.Threading.Channels.UnboundedChannelOptions { SingleReader = true }
        );
    private int _writerStarted;

    private async Task WriteQueuedAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<PendingRegistration>();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            var count = 0;
            while (count < MaxRecordsPerWrite && reader.TryRead(out var next))
            {
                batch.Add(next);
                count += next.Records.Count;
            }
            try
            {
                using var timeout = new CancellationTokenSource(WriteTimeout);
                await WriteAsync(batch.SelectMany(p => p.Records).ToList(), timeout.Token).ConfigureAwait(false);
                batch.ForEach(p => p.Written.TrySetResult());
            }
            catch (OperationCanceledException)
            {
                // The store did not answer in time: an outage for every response of the write (503, Retry-After).
                var timedOut = new Grpc.Core.RpcException(
                    new Grpc.Core.Status(Grpc.Core.StatusCode.DeadlineExceeded, "Recording issued credentials timed out.")
                );
                batch.ForEach(p => p.Written.TrySetException(timedOut));
            }
            catch (Exception exception)
            {
                // Every response of the write fails alike (a store outage answers each with 503).
                batch.ForEach(p => p.Written.TrySetException(exception));
            }
        }
    }

    private sealed record PendingRegistration(IReadOnlyList<IssuedCredentialRecord> Records)
    {
        public TaskCompletionSource Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private async Task WriteAsync(IReadOnlyList<IssuedCredentialRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var indexes = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            if (record.OfferId is not null)
            {
                AddTo(indexes, OfferKey(record.OfferId), record.Id);
            }
            if (record.SubjectId is not null)
            {
                AddTo(indexes, SubjectKey(record.SubjectId), record.Id);
            }
        }
        for (var attempt = 1; ; attempt++)
        {
            var entries = indexes.Select(index => new IndexEntry(index.Key, CursorOf(index.Key), index.Value)).ToList();
            var changes = new List<StateChange>(records.Count + entries.Count);
            changes.AddRange(records.Select(record => StateChange.Upsert(Key(record.Id), record, Retention)));
            changes.AddRange(
                entries.Select(entry => StateChange.Create(EntryKey(entry.Index, entry.Number), entry.Ids.ToArray(), Retention))
            );
            bool written;
            try
            {
                written = await state.TryWriteAllAsync(changes, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                // Not written (as far as this process knows): the entry numbers are free for the next response.
                entries.ForEach(entry => entry.Cursor.Rewind(entry.Number));
                throw;
            }
            if (written)
            {
                return;
            }
            if (attempt == MaxAttempts)
            {
                throw new InvalidOperationException($"Issued-credential indexes kept changing; gave up after {MaxAttempts} attempts.");
            }
            await FindFreeEntriesAsync(entries, cancellationToken).ConfigureAwait(false);
        }
    }

    private const int MaxAttempts = 8;

    /// <summary>
    /// Entries read per step when an index is listed or its end looked for; a run of this many missing entries ends an
    /// index (a run shorter than that, left by responses that failed to write, is skipped).
    /// </summary>
    public const int ScanWindow = 32;

    private static string EntryKey(string index, int number) =>
        index + ":" + number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void AddTo(Dictionary<string, List<string>> indexes, string key, string id)
    {
        if (!indexes.TryGetValue(key, out var ids))
        {
            indexes[key] = ids = [];
        }
        ids.Add(id);
    }

    private IndexCursor CursorOf(string index) => _cursors.GetOrCreate(index, entry =>
        {
            entry.Size = 1;
            entry.SlidingExpiration = TimeSpan.FromMinutes(10);
            return new IndexCursor();
        })!;

    /// <summary>After a lost race: each index's first free entry at or after the one tried, all read in one call.</summary>
    private async Task FindFreeEntriesAsync(List<IndexEntry> entries, CancellationToken cancellationToken)
    {
        var keys = entries
            .SelectMany(entry => Enumerable.Range(entry.Number, ScanWindow).Select(number => EntryKey(entry.Index, number)))
            .ToList();
        var present = await state.GetManyAsync<string[]>(keys, cancellationToken).ConfigureAwait(false);
        foreach (var entry in entries)
        {
            var free = Enumerable
                .Range(entry.Number, ScanWindow)
                .FirstOrDefault(number => !present.ContainsKey(EntryKey(entry.Index, number)), entry.Number + ScanWindow);
            entry.Cursor.MoveTo(free);
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

    private async Task<IReadOnlyList<IssuedCredentialRecord>> FindAllAsync(string index, CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var start = 0; ; start += ScanWindow)
        {
            var window = await state
                .GetManyAsync<string[]>(
                    Enumerable.Range(start, ScanWindow).Select(number => EntryKey(index, number)).ToList(),
                    cancellationToken
                )
                .ConfigureAwait(false);
            if (window.Count == 0)
            {
                break;
            }
            ids.UnionWith(window.Values.SelectMany(entry => entry));
        }
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

    /// <summary>Drops the cursors unused for ten minutes (the cache sweeps only when it is used).</summary>
    public void TrimIdle() => _cursors.Compact(0);

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _cursors.Dispose();
    }

    private sealed record IndexEntry(string Index, IndexCursor Cursor, List<string> Ids)
    {
        public int Number { get; } = Cursor.Reserve();
    }
}
