using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Dapr.Client;
using GaiaX.Oid4vc.Dapr.Embedded;
using GaiaX.Oid4vc.Dapr.Events;
using GaiaX.Oid4vc.Dapr.State;
using GaiaX.Oid4vc.Testing;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using DaprException = global::Dapr.DaprException;

namespace GaiaX.Oid4vc.Dapr.Tests;

/// <summary>
/// The embedded sidecar's contract, through the real <see cref="DaprClient"/>, run against each
/// storage back end by the derived classes.
/// </summary>
public abstract class DaprContractTests : IAsyncLifetime
{
    private const string Issuer = AppIds.Issuer;

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    /// <summary>Creates an environment on this back end.</summary>
    protected abstract Task<DaprTestEnvironment> CreateEnvironmentAsync(EmbeddedDaprOptions options);

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    private EmbeddedDaprOptions Options(bool duplicates = false, int maxAttempts = 5) => new()
    {
        Time = Time,
        DuplicateDelivery = duplicates,
        MaxDeliveryAttempts = maxAttempts,
        InitialRetryDelay = TimeSpan.FromMilliseconds(20),
        MaxRetryDelay = TimeSpan.FromMilliseconds(100),
    };

    private sealed record Item(string Name, int Count);

    // --- state ---------------------------------------------------------------------------

    [Fact]
    public async Task Save_without_etag_is_last_write_wins()
    {
        await using var dapr = await CreateEnvironmentAsync(Options());
        var state = await dapr.StateAsync(Issuer);
        await state.SaveAsync("k", new Item("a", 1));
        await state.SaveAsync("k", new Item("b", 2));
        Assert.Equal(new Item("b", 2), await state.GetAsync<Item>("k"));
    }

    [Fact]
    public async Task Save_with_stale_etag_is_rejected_and_keeps_the_newer_value()
    {
        await using var dapr = await CreateEnvironmentAsync(Options());
        var state = await dapr.StateAsync(Issuer);
        await state.SaveAsync("k", new Item("a", 1));
        var first = await state.GetVersionedAsync<Item>("k");
        Assert.True(await state.TrySaveAsync("k", new Item("b", 2), first!.ETag));
        Assert.False(await state.TrySaveAsync("k", new Item("c", 3), first.ETag));
        Assert.Equal(new Item("b", 2), await state.GetAsync<Item>("k"));
    }

    [Fact]
    public async Task Stale_etag_answers_grpc_aborted_which_DaprClient_reports_as_false_and_a_transaction_internal_as_daprd()
    {
        await using var dapr = await CreateEnvironmentAsync(Options());
        var client = await dapr.ClientAsync(Issuer);
        await client.SaveStateAsync(DaprComponents.StateStore, "k", "v1");
        var (_, etag) = await client.GetStateAndETagAsync<string>(DaprComponents.StateStore, "k");
        await client.SaveStateAsync(DaprComponents.StateStore, "k", "v2");
        Assert.False(await client.TrySaveStateAsync(DaprComponents.StateStore, "k", "v3", etag));
        var failure = await Assert.ThrowsAsync<DaprException>(() => client.ExecuteStateTransactionAsync(DaprComponents.StateStore,
            [new StateTransactionRequest("k", JsonSerializer.SerializeToUtf8Bytes("v4"), StateOperationType.Upsert, etag)]));
        var rpc = Assert.IsType<RpcException>(failure.InnerException);
        Assert.Equal(StatusCode.Internal, rpc.StatusCode);
        Assert.StartsWith("error while executing state transaction: ", rpc.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("possible etag mismatch", rpc.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_state_transaction_applies_every_write_or_none()
    {
        await using var dapr = await CreateEnvironmentAsync(Options());
        var state = await dapr.StateAsync(Issuer);
        await state.SaveAsync("taken", new Item("old", 0));
        Assert.False(await state.TryWriteAllAsync([StateChange.Upsert("a", new Item("a", 1)), StateChange.Create("taken", new Item("new", 2))]));
        Assert.Null(await state.GetAsync<Item>("a"));
        Assert.Equal(new Item("old", 0), await state.GetAsync<Item>("taken"));

        Assert.True(await state.TryWriteAllAsync([StateChange.Upsert("a", new Item("a", 1)), StateChange.Create("b", new[] { "x", "y" })]));
        Assert.Equal(new Item("a", 1), await state.GetAsync<Item>("a"));
        Assert.Equal(["x", "y"], (await state.GetAsync<string[]>("b"))!);
    }

    [Fact]
    public async Task A_state_transaction_with_a_stale_etag_is_refused_and_a_current_one_applies()
    {
        await using var dapr = await CreateEnvironmentAsync(Options());
        var state = await dapr.StateAsync(Issuer);
        await state.SaveAsync("k", new Item("a", 1));
        var read = await state.GetVersionedAsync<Item>("k");
        Assert.True(await state.TryWriteAllAsync([StateChange.Replace("k", new Item("b", 2), read!.ETag)]));
        Assert.False(await state.TryWriteAllAsync([StateChange.Replace("k", new Item("c", 3), read.ETag)]));
        Assert.Equal(new Item("b", 2), await state.GetAsync<Item>("k"));
    }

    [Fact]
    public async Task WriteAllAsync_writes_upserts_in_one_transaction_and_refuses_a_conditional_change()
    {
        await using var dapr = await CreateEnvironmentAsync(Options());
        var state = await dapr.StateAsync(Issuer);
        await state.WriteAllAsync([StateChange.Upsert("a", new Item("a", 1)), StateChange.Upsert("b", new Item("b", 2))]);
        Assert.Equal(new Item("a", 1), await state.GetAsync<Item>("a"));
        Assert.Equal(new Item("b", 2), await state.GetAsync<Item>("b"));

        await Assert.ThrowsAsync<ArgumentException>(() =>
            state.WriteAllAsync([StateChange.Upsert("a", new Item("a", 3)), StateChange.Create("c", new Item("c", 4))]));
        Assert.Equal(new Item("a", 1), await state.GetAsync<Item>("a"));
        Assert.Null(await state.GetAsync<Item>("c"));
    }

    [Fact]
    public async Task A_state_transaction_write_keeps_its_ttl()
    {
        await using var dapr = await CreateEnvironmentAsync(Options());
        var state = await dapr.StateAsync(Issuer);
        Assert.True(await state.TryWriteAllAsync([StateChange.Upsert("k", new Item("a", 1), TimeSpan.FromSeconds(30))]));
        Time.Advance(TimeSpan.FromSeconds(29));
        Assert.NotNull(await state.GetAsync<Item>("k"));
        Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await state.GetAsync<Item>("k"));
    }

    [Fact]
    public async Task Create_only_write_succeeds_once()
    {
        await using var dapr = await CreateEnvironmentAsync(Options());
        var state = await dapr.StateAsync(Issuer);
        Assert.True(await state.TryCreateAsync("k", new Item("a", 1)));
        Assert.False(await state.TryCreateAsync("k", new Item("b", 2)));
        Assert.Equal(new Item("a", 1), await state.GetAsync<Item>("k"));
    }

    [Fact]
    public async Task State_with_ttl_expires_after_ttlInSeconds()
    {
        await using var dapr = await CreateEnvironmentAsync(Options());
        var state = await dapr.StateAsync(Issuer);
        await state.SaveAsync("k", new Item("a", 1), TimeSpan.FromSeconds(60));
        Time.Advance(TimeSpan.FromSeconds(59));
        Assert.NotNull(await state.GetAsync<Item>("k"));
        Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await state.GetAsync<Item>("k"));
        Assert.Null(await state.GetVersionedAsync<Item>("k"));
        Assert.True(await state.TryCreateAsync("k", new Item("b", 2)), "an expired key can be created again");
    }

    [Fact]
    public async Task Saving_without_ttl_removes_an_earlier_ttl()
    {
        await using var dapr = await CreateEnvironmentAsync(Options());
        var state = await dapr.StateAsync(Issuer);
        await state.SaveAsync("k", new Item("a", 1), TimeSpan.FromSeconds(10));
        await state.SaveAsync("k", new Item("b", 2));
        Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(new Item("b", 2), await state.GetAsync<Item>("k"));
    }

    [Fact]
    public async Task Transaction_with_one_stale_etag_applies_nothing()
    {
        await using var dapr = await CreateEnvironmentAsync(Options());
        var client = await dapr.ClientAsync(Issuer);
        await client.SaveStateAsync(DaprComponents.StateStore, "a", "a1");
        await client.SaveStateAsync(DaprComponents.StateStore, "b", "b1");
        await client.SaveStateAsync(DaprComponents.StateStore, "c", "c1");
        var (_, etagB) = await client.GetStateAndETagAsync<string>(DaprComponents.StateStore, "b");
        await client.SaveStateAsync(DaprComponents.StateStore, "b", "b2"); // etagB is now stale

        await Assert.ThrowsAsync<DaprException>(() => client.ExecuteStateTransactionAsync(DaprComponents.StateStore,
        [
            new StateTransactionRequest("a", JsonSerializer.SerializeToUtf8Bytes("a2"), StateOperationType.Upsert),
            new StateTransactionRequest("b", JsonSerializer.SerializeToUtf8Bytes("b3"), StateOperationType.Upsert, etagB),
            new StateTransactionRequest("c", null, StateOperationType.Delete),
            new StateTransactionRequest("d", JsonSerializer.SerializeToUtf8Bytes("d1"), StateOperationType.Upsert),
        ]));

        Assert.Equal("a1", await client.GetStateAsync<string>(DaprComponents.StateStore, "a"));
        Assert.Equal("b2", await client.GetStateAsync<string>(DaprComponents.StateStore, "b"));
        Assert.Equal("c1", await client.GetStateAsync<string>(DaprComponents.StateStore, "c"));
        Assert.Null(await client.GetStateAsync<string>(DaprComponents.StateStore, "d"));
    }

    [Fact]
    public async Task Transaction_with_current_etags_applies_every_operation()
    {
        await using var dapr = await CreateEnvironmentAsync(Options());
        var client = await dapr.ClientAsync(Issuer);
        await client.SaveStateAsync(DaprComponents.StateStore, "a", "a1");
        await client.SaveStateAsync(DaprComponents.StateStore, "c", "c1");
        var (_, etagA) = await client.GetStateAndETagAsync<string>(DaprComponents.StateStore, "a");

        await client.ExecuteStateTransactionAsync(DaprComponents.StateStore,
        [
            new StateTransactionRequest("a", JsonSerializer.SerializeToUtf8Bytes("a2"), StateOperationType.Upsert, etagA),
            new StateTransactionRequest("c", null, StateOperationType.Delete),
            new StateTransactionRequest("d", JsonSerializer.SerializeToUtf8Bytes("d1"), StateOperationType.Upsert, metadata: new Dictionary<string, string> { ["ttlInSeconds"] = "5" }),
        ]);

        Assert.Equal("a2", await client.GetStateAsync<string>(DaprComponents.StateStore, "a"));
        Assert.Null(await client.GetStateAsync<string>(DaprComponents.StateStore, "c"));
        Assert.Equal("d1", await client.GetStateAsync<string>(DaprComponents.StateStore, "d"));
        Time.Advance(TimeSpan.FromSeconds(5));
        Assert.Null(await client.GetStateAsync<string>(DaprComponents.StateStore, "d"));
    }

    [Fact]
    public async Task Keys_are_isolated_between_apps()
    {
        await using var dapr = await CreateEnvironmentAsync(Options());
        var issuer = await dapr.StateAsync(AppIds.Issuer);
        var verifier = await dapr.StateAsync(AppIds.Verifier);
        await issuer.SaveAsync("shared-name", new Item("issuer", 1));
        Assert.Null(await verifier.GetAsync<Item>("shared-name"));
        await verifier.SaveAsync("shared-name", new Item("verifier", 2));
        Assert.Equal(new Item("issuer", 1), await issuer.GetAsync<Item>("shared-name"));
        Assert.Equal(new Item("verifier", 2), await verifier.GetAsync<Item>("shared-name"));
    }

    [Fact]
    public async Task Key_containing_the_reserved_separator_is_rejected_as_invalid_argument()
    {
        await using var dapr = await CreateEnvironmentAsync(Options());
        var client = await dapr.ClientAsync(Issuer);
        var failure = await Assert.ThrowsAsync<DaprException>(() => client.SaveStateAsync(DaprComponents.StateStore, "verifier||k", "x"));
        Assert.Equal(StatusCode.InvalidArgument, Assert.IsType<RpcException>(failure.InnerException).StatusCode);
    }

    [Fact]
    public async Task Unknown_state_store_is_rejected_as_invalid_argument()
    {
        await using var dapr = await CreateEnvironmentAsync(Options());
        var client = await dapr.ClientAsync(Issuer);
        var failure = await Assert.ThrowsAsync<DaprException>(() => client.GetStateAsync<string>("no-such-store", "k"));
        Assert.Equal(StatusCode.InvalidArgument, Assert.IsType<RpcException>(failure.InnerException).StatusCode);
    }

    [Fact]
    public async Task Delete_with_stale_etag_is_rejected_and_keeps_the_value()
    {
        await using var dapr = await CreateEnvironmentAsync(Options());
        var state = await dapr.StateAsync(Issuer);
        await state.SaveAsync("k", new Item("a", 1));
        var stale = (await state.GetVersionedAsync<Item>("k"))!.ETag;
        await state.SaveAsync("k", new Item("b", 2));
        Assert.False(await state.TryDeleteAsync("k", stale));
        Assert.NotNull(await state.GetAsync<Item>("k"));
    }

    [Fact]
    public async Task Bulk_get_returns_the_existing_keys_with_their_values()
    {
        await using var dapr = await CreateEnvironmentAsync(Options());
        var state = await dapr.StateAsync(Issuer);
        await state.SaveAsync("a", new Item("a", 1));
        await state.SaveAsync("b", new Item("b", 2));
        var found = await state.GetManyAsync<Item>(["a", "b", "missing"]);
        Assert.Equal(2, found.Count);
        Assert.Equal(new Item("b", 2), found["b"]);
    }

    [Fact]
    public async Task Compare_and_swap_update_applies_every_concurrent_increment()
    {
        await using var dapr = await CreateEnvironmentAsync(Options());
        var state = await dapr.StateAsync(Issuer);
        await state.SaveAsync("counter", new Item("c", 0));
        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => state.UpdateAsync<Item>("counter", i => i with { Count = i.Count + 1 })));
        Assert.Equal(10, (await state.GetAsync<Item>("counter"))!.Count);
    }

    [Fact]
    public async Task Consume_once_with_100_concurrent_callers_has_exactly_one_winner()
    {
        await using var dapr = await CreateEnvironmentAsync(Options());
        var state = await dapr.StateAsync(Issuer);
        await state.SaveAsync("code", new Item("pre-authorized-code", 1), TimeSpan.FromMinutes(5));
        using var start = new ManualResetEventSlim();
        var callers = Enumerable.Range(0, 100).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await state.ConsumeOnceAsync<Item>("code");
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(callers);
        Assert.Single(results, r => r is not null);
        Assert.Null(await state.ConsumeOnceAsync<Item>("code"));
    }

    // --- pub/sub ---------------------------------------------------------------------------

    private static async Task<(TestServiceHost Host, SubscriberRecorder Recorder)> StartSubscriberAsync(DaprTestEnvironment dapr, string appId = "subscriber")
    {
        var recorder = new SubscriberRecorder();
        var host = await dapr.StartServiceAsync(appId, (args, configure) => SubscriberApp.Create(args, configure, recorder), "Subscriber");
        return (host, recorder);
    }

    protected static async Task Eventually(Func<bool> condition, string what, int timeoutMs = 10_000) =>
        Assert.True(await Poll.UntilAsync(condition, TimeSpan.FromMilliseconds(timeoutMs)), "timed out waiting for: " + what);

    /// <summary>Gives the sidecar time to (wrongly) redeliver before asserting that it did not.</summary>
    private static Task QuietPeriod() => Task.Delay(400);

    [Fact]
    public async Task Published_event_arrives_at_the_subscribed_route_as_a_cloud_event()
    {
        await using var dapr = await CreateEnvironmentAsync(Options());
        var (_, recorder) = await StartSubscriberAsync(dapr);
        var offer = new OfferCreated("request-1", "offer-1", "openid-credential-offer://?credential_offer_uri=x");

        await dapr.PublishAsync(offer, asAppId: AppIds.Issuer);

        await Eventually(() => recorder.Offers.Count == 1, "the offer");
        Assert.True(recorder.Offers.TryPeek(out var received));
        Assert.Equal(offer.Id, received.Id);
        Assert.Equal("offer-1", received.OfferId);
        Assert.NotEqual(default, received.CreationDate);
        var delivery = Assert.Single(recorder.At(SubscriberApp.OfferRoute));
        Assert.Equal("application/cloudevents+json", delivery.ContentType?.Split(';')[0]);
        var envelope = JsonDocument.Parse(delivery.RawBody).RootElement;
        Assert.Equal("1.0", envelope.GetProperty("specversion").GetString());
        Assert.False(string.IsNullOrEmpty(envelope.GetProperty("id").GetString()));
        Assert.Equal(AppIds.Issuer, envelope.GetProperty("source").GetString());
        Assert.Equal("com.dapr.event.sent", envelope.GetProperty("type").GetString());
        Assert.Equal("application/json", envelope.GetProperty("datacontenttype").GetString());
        Assert.Equal(Topics.OfferCreated, envelope.GetProperty("topic").GetString());
        Assert.Equal(DaprComponents.PubSub, envelope.GetProperty("pubsubname").GetString());
        Assert.True(ActivityContext.TryParse(envelope.GetProperty("traceparent").GetString(), null, out _));
        Assert.Equal("offer-1", envelope.GetProperty("data").GetProperty("offerId").GetString());
    }

    [Fact]
    public async Task Event_answered_with_RETRY_is_redelivered()
    {
        await using var dapr = await CreateEnvironmentAsync(Options());
        var (_, recorder) = await StartSubscriberAsync(dapr);
        recorder.Script(SubscriberApp.OfferRoute, IntegrationEventResults.Retry, IntegrationEventResults.Success);
        await dapr.PublishAsync(new OfferCreated("r", "o", "u"));
        await Eventually(() => recorder.Offers.Count == 2, "the redelivery");
        await QuietPeriod();
        Assert.Equal(2, recorder.Offers.Count);
        Assert.Single(recorder.Offers.Select(o => o.Id).Distinct());
    }

    [Fact]
    public async Task Event_answered_with_5xx_is_redelivered()
    {
        await using var dapr = await CreateEnvironmentAsync(Options());
        var (_, recorder) = await StartSubscriberAsync(dapr);
        recorder.Script(SubscriberApp.OfferRoute, () => Results.StatusCode(503), () => Results.StatusCode(500), () => Results.Ok());
        await dapr.PublishAsync(new OfferCreated("r", "o", "u"));
        await Eventually(() => recorder.Offers.Count == 3, "two redeliveries");
        await QuietPeriod();
        Assert.Equal(3, recorder.Offers.Count);
    }

    [Fact]
    public async Task Event_answered_with_DROP_is_not_redelivered_nor_dead_lettered()
    {
        await using var dapr = await CreateEnvironmentAsync(Options());
        var (_, recorder) = await StartSubscriberAsync(dapr);
        recorder.Script(SubscriberApp.OfferRoute, IntegrationEventResults.Drop);
        await dapr.PublishAsync(new OfferCreated("r", "o", "u"));
        await Eventually(() => recorder.Offers.Count == 1, "the delivery");
        await QuietPeriod();
        Assert.Single(recorder.Offers);
        Assert.Empty(recorder.At(SubscriberApp.OfferDeadLetterRoute));
    }

    [Fact]
    public async Task Event_answered_with_404_is_not_redelivered()
    {
        await using var dapr = await CreateEnvironmentAsync(Options());
        var (_, recorder) = await StartSubscriberAsync(dapr);
        recorder.Script(SubscriberApp.OfferRoute, () => Results.NotFound());
        await dapr.PublishAsync(new OfferCreated("r", "o", "u"));
        await Eventually(() => recorder.Offers.Count == 1, "the delivery");
        await QuietPeriod();
        Assert.Single(recorder.Offers);
        Assert.Empty(recorder.At(SubscriberApp.OfferDeadLetterRoute));
    }

    [Fact]
    public async Task Event_whose_handler_keeps_failing_ends_on_the_dead_letter_topic()
    {
        await using var dapr = await CreateEnvironmentAsync(Options(maxAttempts: 3));
        var (_, recorder) = await StartSubscriberAsync(dapr);
        recorder.Script(SubscriberApp.OfferRoute, () => Results.StatusCode(500));
        var offer = new OfferCreated("r", "offer-dead", "u");
        await dapr.PublishAsync(offer);
        await Eventually(() => recorder.At(SubscriberApp.OfferDeadLetterRoute).Count == 1, "the dead letter");
        Assert.Equal(3, recorder.Offers.Count);
        var deadLetter = JsonDocument.Parse(recorder.At(SubscriberApp.OfferDeadLetterRoute)[0].RawBody).RootElement;
        Assert.Equal(Topics.DeadLetter(Topics.OfferCreated), deadLetter.GetProperty("topic").GetString());
        Assert.Equal("offer-dead", deadLetter.GetProperty("data").GetProperty("offerId").GetString());
        await QuietPeriod();
        Assert.Equal(3, recorder.Offers.Count);
    }

    [Fact]
    public async Task With_duplicate_delivery_the_idempotent_handler_effect_happens_once()
    {
        await using var dapr = await CreateEnvironmentAsync(Options(duplicates: true));
        var (_, recorder) = await StartSubscriberAsync(dapr);
        await dapr.PublishAsync(new CredentialAccepted("notification-1"));
        await Eventually(() => recorder.At(SubscriberApp.AcceptedRoute).Count >= 2, "both deliveries");
        await QuietPeriod();
        Assert.Equal(1, recorder.Effects);
        var ids = recorder.At(SubscriberApp.AcceptedRoute).Select(d => JsonDocument.Parse(d.RawBody).RootElement.GetProperty("id").GetString()).Distinct();
        Assert.Single(ids); // the duplicate is the same CloudEvent
    }

    [Fact]
    public async Task Traceparent_of_the_publishing_request_reaches_the_subscriber_activity()
    {
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        await using var dapr = await CreateEnvironmentAsync(Options());
        var (_, recorder) = await StartSubscriberAsync(dapr);
        var (publisher, _) = await StartSubscriberAsync(dapr, "publisher");
        using var source = new ActivitySource("GaiaX.Oid4vc.Dapr.Tests");
        ActivityTraceId traceId;
        using (var caller = source.StartActivity("publish request")!)
        {
            // HttpClient sends this activity's traceparent with the request to the publisher.
            traceId = caller.TraceId;
            var response = await publisher.Client.PostAsync(SubscriberApp.PublishRoute, JsonContent(new OfferCreated("r", "traced", "u")));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        await Eventually(() => recorder.Offers.Any(o => o.OfferId == "traced"), "the traced offer");
        var delivery = recorder.At(SubscriberApp.OfferRoute).Single();
        Assert.True(traceId == delivery.TraceId, $"sent {traceId}, header {delivery.TraceParentHeader}, activity {delivery.TraceId}");
        Assert.Contains(traceId.ToHexString(), delivery.TraceParentHeader, StringComparison.Ordinal);
    }

    private static StringContent JsonContent<T>(T value) =>
        new(JsonSerializer.Serialize(value, JsonSerializerOptions.Web), System.Text.Encoding.UTF8, "application/json");
}

public sealed class InMemoryDaprContractTests : DaprContractTests
{
    protected override Task<DaprTestEnvironment> CreateEnvironmentAsync(EmbeddedDaprOptions options) =>
        Task.FromResult(DaprTestEnvironment.InMemory(options));
}

public sealed class RedisDaprContractTests : DaprContractTests
{
    private RedisTestServer? _redis;

    public override async Task InitializeAsync() => _redis = await RedisTestServer.StartAsync();

    public override async Task DisposeAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    protected override Task<DaprTestEnvironment> CreateEnvironmentAsync(EmbeddedDaprOptions options) =>
        DaprTestEnvironment.RedisAsync(_redis!.ConnectionString, options);
}
