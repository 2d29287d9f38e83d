using GaiaX.Oid4vc.Dapr;
using GaiaX.Oid4vc.Dapr.Events;
using GaiaX.Oid4vc.Dapr.Hosting;
using GaiaX.Oid4vc.Dapr.State;
using GaiaX.Oid4vc.Dapr.StatusLists;
using GaiaX.Oid4vc.Issuer.Status;
using GaiaX.Oid4vc.Testing;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Issuer.Tests;

/// <summary>How issued credentials are recorded: group-committed transactions, shared index entries, outages.</summary>
public sealed class IssuedCredentialRegistryTests
{
    private static IssuedCredentialRecord Record(string offerId, string subject, int index) => new()
    {
        Id = "urn:uuid:" + Guid.NewGuid(),
        OfferId = offerId,
        SubjectId = subject,
        ConfigurationId = "LegalPerson_jwt_vc_json",
        Format = "jwt_vc_json",
        List = 1,
        Index = index,
        IssuedAt = DateTimeOffset.UtcNow,
    };

    private static IssuedCredentialRegistry Registry(IDaprStateStore state) => new(
        state,
        new StatusListStore(state, Options.Create(new StatusListSettings()), new StatusListUrls(() => new Uri("https://issuer.example/"))),
        new NoEvents(),
        TimeProvider.System);

    [Fact]
    public async Task Concurrent_responses_are_recorded_together_in_fewer_transactions_and_all_found()
    {
        await using var dapr = DaprTestEnvironment.InMemory();
        var state = new CountingStore(await dapr.StateAsync(AppIds.Issuer));
        using var registry = Registry(state);
        var responses = Enumerable.Range(0, 60)
            .Select(i => (IReadOnlyList<IssuedCredentialRecord>)[Record("offer-1", "did:jwk:holder-" + (i % 3), 2 * i), Record("offer-1", "did:jwk:holder-" + (i % 3), (2 * i) + 1)])
            .ToList();

        await Task.WhenAll(responses.Select(records => Task.Run(() => registry.RegisterAsync(records, CancellationToken.None))));

        Assert.InRange(state.Transactions, 1, responses.Count - 1);
        Assert.Equal(120, (await registry.FindByOfferAsync("offer-1", CancellationToken.None)).Count);
        Assert.Equal(40, (await registry.FindBySubjectAsync("did:jwk:holder-1", CancellationToken.None)).Count);
        var one = responses[17][1];
        Assert.Equal(one, await registry.FindAsync(one.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Two_processes_appending_to_one_offer_lose_no_credential()
    {
        await using var dapr = DaprTestEnvironment.InMemory();
        var state = await dapr.StateAsync(AppIds.Issuer);
        using var first = Registry(state);
        using var second = Registry(state);

        // Both start at entry 0 of the same index: one wins each race, the other finds the next free entry.
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            Task.Run(() => (i % 2 == 0 ? first : second).RegisterAsync([Record("offer-2", "did:web:participant.example", i)], CancellationToken.None))));

        Assert.Equal(40, (await first.FindByOfferAsync("offer-2", CancellationToken.None)).Count);
        Assert.Equal(40, (await second.FindBySubjectAsync("did:web:participant.example", CancellationToken.None)).Count);
    }

    [Fact]
    public async Task A_store_outage_fails_the_registration_as_an_outage_and_the_next_response_reuses_the_entry()
    {
        await using var dapr = DaprTestEnvironment.InMemory();
        var state = new CountingStore(await dapr.StateAsync(AppIds.Issuer)) { FailWrites = true };
        using var registry = Registry(state);

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => registry.RegisterAsync([Record("offer-3", "did:web:a.example", 1)], CancellationToken.None));
        Assert.True(DaprOutageExceptionHandler.IsOutage(failure), "a store outage answers 503, not 500");

        state.FailWrites = false;
        await registry.RegisterAsync([Record("offer-3", "did:web:a.example", 2)], CancellationToken.None);
        // The failed write left no gap: the entry it would have taken was written by the next response.
        Assert.NotNull(await state.GetAsync<string[]>("issued-by-offer:offer-3:0"));
        Assert.Single(await registry.FindByOfferAsync("offer-3", CancellationToken.None));
    }

    private sealed class NoEvents : IEventBus
    {
        public Task PublishAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }

    /// <summary>The real store, counting transactions, and failing them as an unreachable sidecar does when asked.</summary>
    private sealed class CountingStore(IDaprStateStore inner) : IDaprStateStore
    {
        private int _transactions;

        public int Transactions => Volatile.Read(ref _transactions);

        public bool FailWrites { get; set; }

        public Task<bool> TryWriteAllAsync(IReadOnlyList<StateChange> changes, CancellationToken cancellationToken = default)
        {
            if (FailWrites)
            {
                throw new global::Dapr.DaprException("sidecar unreachable", new RpcException(new Status(StatusCode.Unavailable, "connection refused")));
            }
            Interlocked.Increment(ref _transactions);
            return inner.TryWriteAllAsync(changes, cancellationToken);
        }

        public Task WriteAllAsync(IReadOnlyList<StateChange> changes, CancellationToken cancellationToken = default) =>
            TryWriteAllAsync(changes, cancellationToken);

        public Task<T?> GetAsync<T>(string key, CancellationToken cancellationToken = default) => inner.GetAsync<T>(key, cancellationToken);

        public Task<VersionedState<T>?> GetVersionedAsync<T>(string key, CancellationToken cancellationToken = default) =>
            inner.GetVersionedAsync<T>(key, cancellationToken);

        public Task<(VersionedState<T1>? First, VersionedState<T2>? Second)> GetVersionedAsync<T1, T2>(
            string firstKey,
            string secondKey,
            CancellationToken cancellationToken = default
        ) => inner.GetVersionedAsync<T1, T2>(firstKey, secondKey, cancellationToken);

        public Task<IReadOnlyDictionary<string, T>> GetManyAsync<T>(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) =>
            inner.GetManyAsync<T>(keys, cancellationToken);

        public Task SaveAsync<T>(string key, T value, TimeSpan? ttl = null, CancellationToken cancellationToken = default) =>
            inner.SaveAsync(key, value, ttl, cancellationToken);

        public Task<bool> TryCreateAsync<T>(string key, T value, TimeSpan? ttl = null, CancellationToken cancellationToken = default) =>
            inner.TryCreateAsync(key, value, ttl, cancellationToken);

        public Task<bool> TrySaveAsync<T>(string key, T value, string etag, TimeSpan? ttl = null, CancellationToken cancellationToken = default) =>
            inner.TrySaveAsync(key, value, etag, ttl, cancellationToken);

        public Task<VersionedState<T>?> UpdateAsync<T>(string key, Func<T, T> update, TimeSpan? ttl = null, CancellationToken cancellationToken = default) =>
            inner.UpdateAsync(key, update, ttl, cancellationToken);

        public Task<T?> ConsumeOnceAsync<T>(string key, CancellationToken cancellationToken = default)
            where T : class => inner.ConsumeOnceAsync<T>(key, cancellationToken);

        public Task DeleteAsync(string key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);

        public Task<bool> TryDeleteAsync(string key, string etag, CancellationToken cancellationToken = default) =>
            inner.TryDeleteAsync(key, etag, cancellationToken);
    }
}
