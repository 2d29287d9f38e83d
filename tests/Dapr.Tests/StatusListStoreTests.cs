using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.Keys;
using GaiaX.Oid4vc.Credentials.Status;
using GaiaX.Oid4vc.Dapr.State;
using GaiaX.Oid4vc.Dapr.StatusLists;
using GaiaX.Oid4vc.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace GaiaX.Oid4vc.Dapr.Tests;

/// <summary>Index allocation, status changes and list signing through the real DaprClient and the embedded sidecar.</summary>
public sealed class StatusListStoreTests
{
    private static readonly StatusListUrls Urls = new(() => new Uri("https://issuer.example/"));

    private static StatusListStore Store(IDaprStateStore state, StatusListSettings? settings = null) =>
        new(state, Options.Create(settings ?? new StatusListSettings()), Urls);

    [Fact]
    public void Permutation_maps_every_position_of_a_list_to_a_distinct_index()
    {
        var permutation = new StatusListPermutation(new byte[32], BitstringStatusList.MinimumEntries);
        var seen = new bool[BitstringStatusList.MinimumEntries];

        for (var position = 0; position < seen.Length; position++)
        {
            var index = permutation[position];
            Assert.False(seen[index], $"index {index} twice");
            seen[index] = true;
        }
        // Spread, not sequential: the first allocations land all over the list.
        Assert.True(Enumerable.Range(0, 16).Select(p => permutation[p]).Max() > BitstringStatusList.MinimumEntries / 4);
    }

    [Fact]
    public void Permutation_is_the_documented_hmac_feistel_network_so_allocated_indices_stay_stable_across_versions()
    {
        // Lists already in a state store were allocated with this definition: a faster implementation must give the same
        // indices, or new credentials would share indices with old ones.
        var key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        foreach (var size in new[] { BitstringStatusList.MinimumEntries, 1_000_003 })
        {
            var permutation = new StatusListPermutation(key, size);
            var bits = (int)Math.Ceiling(Math.Log2(size));
            var half = (bits + 1) / 2;
            foreach (var position in new[] { 0, 1, 2, 77, size / 2, size - 1 })
            {
                Assert.Equal(ReferenceFeistel(key, half, size, (uint)position), permutation[position]);
            }
        }
    }

    private static int ReferenceFeistel(byte[] key, int half, int size, uint value)
    {
        var mask = (1u << half) - 1;
        do
        {
            var (left, right) = (value >> half, value & mask);
            for (byte round = 0; round < 4; round++)
            {
                byte[] input = [round, (byte)(right >> 24), (byte)(right >> 16), (byte)(right >> 8), (byte)right];
                var mac = System.Security.Cryptography.HMACSHA256.HashData(key, input);
                var f = ((uint)mac[0] << 24 | (uint)mac[1] << 16 | (uint)mac[2] << 8 | mac[3]) & mask;
                (left, right) = (right, left ^ f);
            }
            value = (left << half) | right;
        } while (value >= (uint)size);
        return (int)value;
    }

    [Fact]
    public async Task Two_hundred_concurrent_allocations_from_two_processes_get_two_hundred_distinct_indices()
    {
        await using var dapr = DaprTestEnvironment.InMemory();
        var state = await dapr.StateAsync(AppIds.Issuer);
        // Two stores over one state store: two replicas of the service, each reserving its own blocks.
        var settings = new StatusListSettings { BlockSize = 8 };
        var first = Store(state, settings);
        var second = Store(state, settings);

        var allocations = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => (i % 2 == 0 ? first : second).AllocateAsync()));

        Assert.Equal(200, allocations.Select(a => (a.List, a.Index)).Distinct().Count());
        Assert.All(allocations, a => Assert.Equal(new Uri("https://issuer.example/status-lists/1"), a.TokenListUrl));
    }

    [Fact]
    public async Task A_full_list_opens_the_next_one()
    {
        await using var dapr = DaprTestEnvironment.InMemory();
        var store = Store(await dapr.StateAsync(AppIds.Issuer), new StatusListSettings { BlockSize = 4096 });

        var allocations = new List<StatusAllocation>();
        for (var i = 0; i < (BitstringStatusList.MinimumEntries / 4096) + 1; i++)
        {
            allocations.Add(await store.AllocateAsync());
            for (var rest = 1; rest < 4096 && allocations.Count < BitstringStatusList.MinimumEntries + 1; rest++)
            {
                allocations.Add(await store.AllocateAsync());
            }
        }

        Assert.Equal(1, allocations[BitstringStatusList.MinimumEntries - 1].List);
        Assert.Equal(2, allocations[BitstringStatusList.MinimumEntries].List);
    }

    [Fact]
    public async Task A_revocation_is_final_while_a_suspension_can_be_lifted()
    {
        await using var dapr = DaprTestEnvironment.InMemory();
        var store = Store(await dapr.StateAsync(AppIds.Issuer));
        var suspended = await store.AllocateAsync();
        var revoked = await store.AllocateAsync();

        Assert.Equal(TokenStatusList.Valid, await store.SetStatusAsync(suspended.List, suspended.Index, TokenStatusList.Suspended));
        Assert.Equal(TokenStatusList.Suspended, await store.SetStatusAsync(suspended.List, suspended.Index, TokenStatusList.Valid));
        Assert.Equal(TokenStatusList.Valid, await store.SetStatusAsync(revoked.List, revoked.Index, TokenStatusList.Invalid));
        Assert.Null(await store.SetStatusAsync(revoked.List, revoked.Index, TokenStatusList.Valid));
        Assert.Null(await store.SetStatusAsync(revoked.List, revoked.Index, TokenStatusList.Suspended));
    }

    [Fact]
    public async Task Signed_lists_carry_each_change_and_changes_within_the_resign_delay_share_one_signature()
    {
        await using var dapr = DaprTestEnvironment.InMemory();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var settings = new StatusListSettings { ResignDelay = TimeSpan.FromSeconds(10) };
        var store = Store(await dapr.StateAsync(AppIds.Issuer), settings);
        using var key = SigningKey.CreateEs256("did:web:issuer.example#key-1");
        using var identity = new ServiceIdentity("did:web:issuer.example", key);
        var publisher = new StatusListPublisher(store, Urls, identity, Options.Create(settings), time);
        var a = await store.AllocateAsync();
        var b = await store.AllocateAsync();

        var before = await publisher.GetAsync(a.List, null);
        await store.SetStatusAsync(a.List, a.Index, TokenStatusList.Invalid);
        await store.SetStatusAsync(b.List, b.Index, TokenStatusList.Suspended);
        var within = await publisher.GetAsync(a.List, null);
        time.Advance(TimeSpan.FromSeconds(11));
        var after = await publisher.GetAsync(a.List, null);
        var revocation = await publisher.GetAsync(a.List, StatusPurposes.Revocation);

        Assert.Same(before, within);
        var token = Payload(after!.Jwt);
        var list = TokenStatusList.Decode(token.GetProperty("status_list").GetProperty("lst").GetString(), 2)!;
        Assert.Equal(TokenStatusList.Invalid, list[a.Index]);
        Assert.Equal(TokenStatusList.Suspended, list[b.Index]);
        Assert.Equal("https://issuer.example/status-lists/1", token.GetProperty("sub").GetString());
        var bitstring = BitstringStatusList.Decode(Payload(revocation!.Jwt).GetProperty("credentialSubject").GetProperty("encodedList").GetString())!;
        Assert.True(bitstring[a.Index]);
        Assert.False(bitstring[b.Index]);
        Assert.Null(await publisher.GetAsync(99, null));
        Assert.Null(await publisher.GetAsync(a.List, "message"));
    }

    private static System.Text.Json.JsonElement Payload(string jwt) =>
        System.Text.Json.JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(jwt.Split('.')[1])).RootElement;
}
