using System.Net;
using System.Net.Http.Json;
using GaiaX.Oid4vc.Dapr.Embedded;
using GaiaX.Oid4vc.Dapr.Events;
using GaiaX.Oid4vc.Dapr.Hosting;
using GaiaX.Oid4vc.Testing;

namespace GaiaX.Oid4vc.Dapr.Tests;

/// <summary>Sidecar behaviour that does not depend on the storage back end.</summary>
public sealed class EmbeddedSidecarTests
{
    [Fact]
    public async Task DaprClient_health_and_metadata_calls_are_answered_with_the_app_id()
    {
        await using var dapr = DaprTestEnvironment.InMemory();
        var client = await dapr.ClientAsync(AppIds.Notary);
        Assert.True(await client.CheckHealthAsync());
        Assert.True(await client.CheckOutboundHealthAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await client.WaitForSidecarAsync(timeout.Token);
        Assert.Equal(AppIds.Notary, (await client.GetMetadataAsync()).Id);
    }

    [Fact]
    public async Task Idempotency_guard_releases_the_claim_when_the_effect_fails_so_a_redelivery_runs_it()
    {
        await using var dapr = DaprTestEnvironment.InMemory();
        var guard = new IdempotencyGuard(await dapr.StateAsync(AppIds.Issuer));
        var eventId = Guid.NewGuid();
        var runs = 0;

        await Assert.ThrowsAsync<InvalidOperationException>(() => guard.RunOnceAsync("h", eventId, _ =>
        {
            runs++;
            throw new InvalidOperationException("transient");
        }));
        Assert.Equal(IdempotencyOutcome.Executed, await guard.RunOnceAsync("h", eventId, _ => { runs++; return Task.CompletedTask; }));
        Assert.Equal(IdempotencyOutcome.AlreadyDone, await guard.RunOnceAsync("h", eventId, _ => { runs++; return Task.CompletedTask; }));
        Assert.Equal(IdempotencyOutcome.Executed, await guard.RunOnceAsync("other-handler", eventId, _ => { runs++; return Task.CompletedTask; }));
        Assert.Equal(3, runs);
    }

    [Fact]
    public async Task Idempotency_guard_answers_in_progress_while_another_delivery_runs_the_effect()
    {
        await using var dapr = DaprTestEnvironment.InMemory();
        var guard = new IdempotencyGuard(await dapr.StateAsync(AppIds.Issuer));
        var eventId = Guid.NewGuid();
        var running = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var first = guard.RunOnceAsync("h", eventId, async _ =>
        {
            running.SetResult();
            await release.Task;
        });
        await running.Task;
        var second = await guard.RunOnceAsync("h", eventId, _ => Task.CompletedTask);
        release.SetResult();
        Assert.Equal(IdempotencyOutcome.InProgress, second);
        Assert.Equal(IdempotencyOutcome.Executed, await first);
    }

    [Fact]
    public async Task Event_for_an_app_that_is_down_waits_without_counting_attempts_and_arrives_when_it_is_back()
    {
        await using var dapr = DaprTestEnvironment.InMemory(new EmbeddedDaprOptions
        {
            MaxDeliveryAttempts = 1,
            AppUnreachableRetryDelay = TimeSpan.FromMilliseconds(50),
        });
        var sidecar = await dapr.SidecarAsync("subscriber");
        var firstRecorder = new SubscriberRecorder();
        var first = await dapr.StartServiceAsync("subscriber", (args, configure) => SubscriberApp.Create(args, configure, firstRecorder), "Subscriber");
        var port = first.BaseUrl.Port;
        await first.DisposeAsync();

        await dapr.PublishAsync(new OfferCreated("r", "while-down", "u"));
        await Task.Delay(300); // several connection attempts fail meanwhile

        var recorder = new SubscriberRecorder();
        await using var second = await TestServiceHost.StartAsync((args, configure) => SubscriberApp.Create(args, configure, recorder), "Subscriber",
            [$"--urls=http://127.0.0.1:{port}", $"--Dapr:GrpcEndpoint={sidecar.GrpcEndpoint}", $"--Dapr:AppApiToken={sidecar.AppApiToken}"]);
        await Poll.UntilAsync(() => !recorder.Offers.IsEmpty, TimeSpan.FromSeconds(10));
        Assert.Single(recorder.Offers);
        Assert.Empty(recorder.At(SubscriberApp.OfferDeadLetterRoute));
    }

    [Fact]
    public async Task Publishing_to_an_unknown_pubsub_component_is_rejected()
    {
        await using var dapr = DaprTestEnvironment.InMemory();
        var client = await dapr.ClientAsync(AppIds.Issuer);
        var failure = await Assert.ThrowsAsync<global::Dapr.DaprException>(() => client.PublishEventAsync("other-pubsub", Topics.OfferCreated, new { a = 1 }));
        Assert.Equal(Grpc.Core.StatusCode.InvalidArgument, Assert.IsType<Grpc.Core.RpcException>(failure.InnerException).StatusCode);
    }

    [Fact]
    public async Task Invalid_ttlInSeconds_metadata_is_rejected_as_invalid_argument()
    {
        await using var dapr = DaprTestEnvironment.InMemory();
        var client = await dapr.ClientAsync(AppIds.Issuer);
        var failure = await Assert.ThrowsAsync<global::Dapr.DaprException>(() =>
            client.SaveStateAsync(DaprComponents.StateStore, "k", "v", metadata: new Dictionary<string, string> { ["ttlInSeconds"] = "soon" }));
        Assert.Equal(Grpc.Core.StatusCode.InvalidArgument, Assert.IsType<Grpc.Core.RpcException>(failure.InnerException).StatusCode);
        Assert.Null(await client.GetStateAsync<string>(DaprComponents.StateStore, "k"));
    }

    [Fact]
    public async Task Several_services_start_concurrently_each_with_its_own_sidecar()
    {
        await using var dapr = DaprTestEnvironment.InMemory();
        var recorders = new[] { new SubscriberRecorder(), new SubscriberRecorder() };
        var hosts = await Task.WhenAll(
            dapr.StartServiceAsync("one", (args, configure) => SubscriberApp.Create(args, configure, recorders[0]), "Subscriber"),
            dapr.StartServiceAsync("two", (args, configure) => SubscriberApp.Create(args, configure, recorders[1]), "Subscriber"));
        await dapr.PublishAsync(new OfferCreated("r", "fan-out", "u"));
        await Poll.UntilAsync(() => recorders.All(r => !r.Offers.IsEmpty), TimeSpan.FromSeconds(10));
        Assert.All(recorders, r => Assert.Single(r.Offers));
        Assert.NotEqual((await dapr.SidecarAsync("one")).GrpcEndpoint, (await dapr.SidecarAsync("two")).GrpcEndpoint);
        Assert.Equal(2, hosts.Length);
    }

    [Fact]
    public async Task Service_lists_its_integration_event_subscriptions_with_dead_letter_topics()
    {
        await using var dapr = DaprTestEnvironment.InMemory();
        var recorder = new SubscriberRecorder();
        var host = await dapr.StartServiceAsync("subscriber", (args, configure) => SubscriberApp.Create(args, configure, recorder), "Subscriber");
        var sidecar = await dapr.SidecarAsync("subscriber");
        Assert.Contains(new EmbeddedSubscription(DaprComponents.PubSub, Topics.OfferCreated, SubscriberApp.OfferRoute, Topics.DeadLetter(Topics.OfferCreated)), sidecar.Subscriptions);
        Assert.Contains(new EmbeddedSubscription(DaprComponents.PubSub, Topics.CredentialAccepted, SubscriberApp.AcceptedRoute, Topics.DeadLetter(Topics.CredentialAccepted)), sidecar.Subscriptions);
        using var subscribe = new HttpRequestMessage(HttpMethod.Get, "/dapr/subscribe");
        subscribe.Headers.Add(DaprAppToken.HeaderName, sidecar.AppApiToken);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(subscribe)).StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-the-token")]
    public async Task Dapr_routes_refuse_a_request_without_the_sidecars_app_token(string? token)
    {
        await using var dapr = DaprTestEnvironment.InMemory();
        var recorder = new SubscriberRecorder();
        var host = await dapr.StartServiceAsync("subscriber", (args, configure) => SubscriberApp.Create(args, configure, recorder), "Subscriber");
        var sidecar = await dapr.SidecarAsync("subscriber");
        var forged = new OfferCreated("forged-request", "forged-offer", "https://attacker.example/offer");

        foreach (var (method, path) in new[]
        {
            (HttpMethod.Get, "/dapr/subscribe"),
            (HttpMethod.Post, SubscriberApp.OfferRoute),
            (HttpMethod.Post, SubscriberApp.AcceptedRoute),
            (HttpMethod.Post, SubscriberApp.OfferDeadLetterRoute),
        })
        {
            using var request = new HttpRequestMessage(method, path);
            if (method == HttpMethod.Post)
            {
                request.Content = JsonContent.Create(forged);
            }
            if (token is not null)
            {
                request.Headers.TryAddWithoutValidation(DaprAppToken.HeaderName, token);
            }
            var response = await host.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.Empty(recorder.Offers);
        Assert.Equal(0, recorder.Effects);
        Assert.NotEmpty(sidecar.Subscriptions); // the sidecar itself, with the token, was let in
    }

    [Fact]
    public async Task Dapr_routes_refuse_every_request_when_no_app_token_is_configured()
    {
        var recorder = new SubscriberRecorder();
        await using var host = await TestServiceHost.StartAsync((args, configure) => SubscriberApp.Create(args, configure, recorder), "Subscriber", []);
        using var request = new HttpRequestMessage(HttpMethod.Post, SubscriberApp.OfferRoute)
        {
            Content = JsonContent.Create(new OfferCreated("r", "o", "u")),
        };
        request.Headers.TryAddWithoutValidation(DaprAppToken.HeaderName, "anything");
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client.SendAsync(request)).StatusCode);
        Assert.Empty(recorder.Offers);
    }

    [Fact]
    public async Task Event_delivered_by_the_sidecar_carries_the_app_token_and_is_accepted()
    {
        await using var dapr = DaprTestEnvironment.InMemory();
        var recorder = new SubscriberRecorder();
        await dapr.StartServiceAsync("subscriber", (args, configure) => SubscriberApp.Create(args, configure, recorder), "Subscriber");
        await dapr.PublishAsync(new OfferCreated("r", "delivered", "u"));
        await Poll.UntilAsync(() => !recorder.Offers.IsEmpty, TimeSpan.FromSeconds(10));
        Assert.Equal("delivered", Assert.Single(recorder.Offers).OfferId);
    }

    [Fact]
    public async Task Sidecar_with_an_api_token_refuses_an_app_without_it_and_serves_the_app_with_it()
    {
        await using var broker = EmbeddedDaprBroker.CreateInMemory();
        var sidecar = await broker.StartSidecarAsync(AppIds.Issuer, new EmbeddedSidecarSettings { ApiToken = "the-pods-token" });
        using var stranger = new global::Dapr.Client.DaprClientBuilder().UseGrpcEndpoint(sidecar.GrpcEndpoint.ToString()).Build();
        using var wrong = new global::Dapr.Client.DaprClientBuilder()
            .UseGrpcEndpoint(sidecar.GrpcEndpoint.ToString())
            .UseDaprApiToken("a-guess")
            .Build();
        using var app = new global::Dapr.Client.DaprClientBuilder()
            .UseGrpcEndpoint(sidecar.GrpcEndpoint.ToString())
            .UseDaprApiToken("the-pods-token")
            .Build();

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => stranger.SaveStateAsync(DaprComponents.StateStore, "k", "stolen"));
        var guessed = await Assert.ThrowsAnyAsync<Exception>(() => wrong.SaveStateAsync(DaprComponents.StateStore, "k", "stolen"));
        await app.SaveStateAsync(DaprComponents.StateStore, "k", "mine");

        Assert.Equal(Grpc.Core.StatusCode.Unauthenticated, Assert.IsType<Grpc.Core.RpcException>(refused.InnerException ?? refused).StatusCode);
        Assert.Equal(Grpc.Core.StatusCode.Unauthenticated, Assert.IsType<Grpc.Core.RpcException>(guessed.InnerException ?? guessed).StatusCode);
        Assert.Equal("mine", await app.GetStateAsync<string>(DaprComponents.StateStore, "k"));
    }
}
