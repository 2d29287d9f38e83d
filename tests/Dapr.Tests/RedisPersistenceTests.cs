using GaiaX.Oid4vc.Dapr.Embedded;
using GaiaX.Oid4vc.Dapr.Events;
using GaiaX.Oid4vc.Testing;

namespace GaiaX.Oid4vc.Dapr.Tests;

/// <summary>What the Redis back end promises beyond the contract: nothing is lost across restarts.</summary>
public sealed class RedisPersistenceTests : IAsyncLifetime
{
    private RedisTestServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisTestServer.StartAsync();

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    private sealed record Code(string Value);

    [Fact]
    public async Task State_written_before_a_sidecar_restart_is_there_after_it()
    {
        await using (var before = await DaprTestEnvironment.RedisAsync(_redis.ConnectionString))
        {
            var state = await before.StateAsync(AppIds.Issuer);
            await state.SaveAsync("offer", new Code("kept"));
        }

        await using var after = await DaprTestEnvironment.RedisAsync(_redis.ConnectionString);
        var restarted = await after.StateAsync(AppIds.Issuer);
        var item = await restarted.GetVersionedAsync<Code>("offer");
        Assert.Equal(new Code("kept"), item?.Value);
        // ETags stay valid across the restart: compare-and-swap still works on the old version.
        Assert.True(await restarted.TrySaveAsync("offer", new Code("changed"), item!.ETag));
    }

    [Fact]
    public async Task Event_published_while_the_subscriber_is_down_is_delivered_once_it_is_up()
    {
        var options = new EmbeddedDaprOptions { InitialRetryDelay = TimeSpan.FromMilliseconds(20) };

        // The subscriber runs once, so its subscriptions are known, then it and its sidecar stop.
        await using (var first = await DaprTestEnvironment.RedisAsync(_redis.ConnectionString, options))
        {
            var recorder = new SubscriberRecorder();
            await first.StartServiceAsync("subscriber", (args, configure) => SubscriberApp.Create(args, configure, recorder), "Subscriber");
        }

        // Another app publishes while the subscriber is down.
        var offer = new OfferCreated("request", "published-while-down", "uri");
        await using (var publisherSide = await DaprTestEnvironment.RedisAsync(_redis.ConnectionString, options))
        {
            await publisherSide.PublishAsync(offer, AppIds.Issuer);
        }

        // The subscriber comes back with a new sidecar on the same Redis.
        await using var second = await DaprTestEnvironment.RedisAsync(_redis.ConnectionString, options);
        var recorderAfter = new SubscriberRecorder();
        await second.StartServiceAsync("subscriber", (args, configure) => SubscriberApp.Create(args, configure, recorderAfter), "Subscriber");

        await Poll.UntilAsync(() => !recorderAfter.Offers.IsEmpty, TimeSpan.FromSeconds(10));
        Assert.True(recorderAfter.Offers.TryPeek(out var received), "the event published while the subscriber was down never arrived");
        Assert.Equal(offer.Id, received.Id);
        await Task.Delay(300);
        Assert.Single(recorderAfter.Offers);
    }
}
