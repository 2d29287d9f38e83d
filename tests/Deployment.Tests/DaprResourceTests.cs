using GaiaX.Oid4vc.Dapr;

namespace GaiaX.Oid4vc.Deployment.Tests;

/// <summary>
/// The Dapr resources (dapr-components/, as rendered into each overlay, and the local variants
/// with dapr.yaml) against the names in <c>GaiaX.Oid4vc.Dapr.AppIds</c>, <c>DaprComponents</c> and <c>Topics</c>.
/// </summary>
public sealed class DaprResourceTests(RenderedOverlays overlays) : IClassFixture<RenderedOverlays>
{
    /// <summary>Who subscribes to what (ARCHITECTURE.md, the event flow).</summary>
    private static readonly (string AppId, string Topic)[] Subscriptions =
    [
        (AppIds.Issuer, Topics.CredentialPrepared),
        (AppIds.Issuer, Topics.CredentialAssessed),
        (AppIds.Issuer, Topics.ComplianceAssessed),
        (AppIds.Notary, Topics.IssuanceRequested),
        (AppIds.Notary, Topics.DeadLetter(Topics.IssuanceRequested)),
        (AppIds.Compliance, Topics.CredentialPrepared),
        (AppIds.Compliance, Topics.PresentationVerified),
        (AppIds.Compliance, Topics.TrustListChanged),
        (AppIds.Verifier, Topics.ComplianceAssessed),
        (AppIds.Verifier, Topics.OfferCreated),
        (AppIds.Verifier, Topics.TrustListChanged),
    ];

    private static readonly string[] ScopedKinds = ["Component", "Resiliency", "Subscription"];

    [Theory]
    [MemberData(nameof(RenderedOverlays.OverlayData), MemberType = typeof(RenderedOverlays))]
    public void State_store_is_state_redis_named_as_in_code_without_actors(string overlay)
    {
        var store = overlays.Single(overlay, "Component", DaprComponents.StateStore);

        Assert.Equal("state.redis", store.Str("spec", "type"));
        Assert.Equal("false", Metadata(store).GetValueOrDefault("actorStateStore"));
    }

    [Theory]
    [MemberData(nameof(RenderedOverlays.OverlayData), MemberType = typeof(RenderedOverlays))]
    public void Pub_sub_is_pubsub_redis_named_as_in_code(string overlay)
    {
        var pubsub = overlays.Single(overlay, "Component", DaprComponents.PubSub);

        Assert.Equal("pubsub.redis", pubsub.Str("spec", "type"));
    }

    [Theory]
    [MemberData(nameof(RenderedOverlays.OverlayData), MemberType = typeof(RenderedOverlays))]
    public void The_broadcast_pub_sub_gives_every_pod_its_own_consumer_group_for_the_broadcast_topics_only(string overlay)
    {
        var broadcast = overlays.Single(overlay, "Component", DaprComponents.Broadcast);
        var work = overlays.Single(overlay, "Component", DaprComponents.PubSub);

        Assert.Equal("pubsub.redis", broadcast.Str("spec", "type"));
        Assert.Equal("{podName}", Metadata(broadcast).GetValueOrDefault("consumerID"));
        Assert.False(Metadata(work).ContainsKey("consumerID"), "the work pub/sub must keep one consumer group per app id");
        var onBroadcast = overlays.OfKind(overlay, "Subscription")
            .Where(s => s.Str("spec", "pubsubname") == DaprComponents.Broadcast)
            .Select(s => s.Str("spec", "topic")!)
            .ToList();
        Assert.All(onBroadcast, topic => Assert.True(Topics.Broadcast.Contains(topic), $"{topic} is not a broadcast topic"));
        Assert.Contains(Topics.TrustListChanged, onBroadcast);
        // Only the Registry may publish the list; the subscribers' sidecars publish only its dead letters.
        Assert.Equal(
            "registry=trust-list-changed;compliance=trust-list-changed-dead-letter;verifier=trust-list-changed-dead-letter",
            Metadata(broadcast).GetValueOrDefault("publishingScopes"));
        Assert.Equal("trust-list-changed,trust-list-changed-dead-letter", Metadata(broadcast).GetValueOrDefault("allowedTopics"));
    }

    [Theory]
    [MemberData(nameof(RenderedOverlays.OverlayData), MemberType = typeof(RenderedOverlays))]
    public void Redis_components_point_at_the_redis_service(string overlay)
    {
        var redis = overlays.Single(overlay, "Service", "redis");
        var port = redis.Seq("spec", "ports").Select(p => p.Str("port")).Single();
        foreach (var component in overlays.OfKind(overlay, "Component").Where(c => c.Str("spec", "type")!.EndsWith(".redis", StringComparison.Ordinal)))
        {
            Assert.Equal($"{redis.Name()}:{port}", Metadata(component).GetValueOrDefault("redisHost"));
        }
    }

    [Theory]
    [MemberData(nameof(RenderedOverlays.OverlayData), MemberType = typeof(RenderedOverlays))]
    public void A_kubernetes_secret_store_is_declared(string overlay)
    {
        Assert.Contains(overlays.OfKind(overlay, "Component"), c => c.Str("spec", "type") == "secretstores.kubernetes");
    }

    [Theory]
    [MemberData(nameof(RenderedOverlays.OverlayData), MemberType = typeof(RenderedOverlays))]
    public void Every_dapr_resource_is_scoped_to_real_app_ids(string overlay)
    {
        foreach (var resource in overlays.Resources(overlay).Where(r => ScopedKinds.Contains(r.Kind())))
        {
            var scopes = resource.Seq("scopes").Cast<string>().ToList();

            Assert.True(scopes.Count > 0, $"{resource.Describe()} has no scopes, so every app in the namespace would load it");
            Assert.All(scopes, scope => Assert.Contains(scope, AppIds.All));
            Assert.Equal(scopes.Count, scopes.Distinct().Count());
        }
    }

    [Theory]
    [MemberData(nameof(RenderedOverlays.OverlayData), MemberType = typeof(RenderedOverlays))]
    public void Resiliency_has_timeouts_retries_and_circuit_breakers_for_state_and_pub_sub(string overlay)
    {
        var resiliency = Assert.Single(overlays.OfKind(overlay, "Resiliency"));
        var policies = resiliency.Map("spec", "policies");
        var targets = resiliency.Map("spec", "targets", "components");

        Assert.Equal([DaprComponents.PubSub, DaprComponents.Broadcast, DaprComponents.StateStore], targets.Keys.Cast<string>().Order(StringComparer.Ordinal));
        foreach (var (component, direction) in new[]
        {
            (DaprComponents.StateStore, "outbound"), (DaprComponents.PubSub, "outbound"), (DaprComponents.PubSub, "inbound"),
            (DaprComponents.Broadcast, "outbound"), (DaprComponents.Broadcast, "inbound"),
        })
        {
            foreach (var (kind, section) in new[] { ("timeout", "timeouts"), ("retry", "retries"), ("circuitBreaker", "circuitBreakers") })
            {
                var policy = targets.Str(component, direction, kind);
                Assert.True(policy is not null, $"{component} {direction} has no {kind}");
                Assert.True(policies.At(section, policy) is not null, $"{component} {direction} names {kind} '{policy}', which spec.policies.{section} lacks");
            }
        }
    }

    [Theory]
    [MemberData(nameof(RenderedOverlays.OverlayData), MemberType = typeof(RenderedOverlays))]
    public void Configuration_traces_to_an_otlp_collector_and_denies_secret_access_by_default(string overlay)
    {
        var configuration = Assert.Single(overlays.OfKind(overlay, "Configuration"));
        var secretStores = overlays.OfKind(overlay, "Component")
            .Where(c => c.Str("spec", "type")!.StartsWith("secretstores.", StringComparison.Ordinal))
            .Select(c => c.Name())
            .Append("kubernetes"); // the store Dapr provisions itself in Kubernetes mode
        var scopes = configuration.Seq("spec", "secrets", "scopes").OfType<Dictionary<object, object?>>().ToList();

        Assert.False(string.IsNullOrEmpty(configuration.Str("spec", "tracing", "otel", "endpointAddress")));
        Assert.False(string.IsNullOrEmpty(configuration.Str("spec", "tracing", "samplingRate")));
        foreach (var store in secretStores)
        {
            Assert.Equal("deny", scopes.SingleOrDefault(s => s.Str("storeName") == store).Str("defaultAccess"));
        }
        // The services talk only through pub/sub: no service invocation is allowed.
        Assert.Equal("deny", configuration.Str("spec", "accessControl", "defaultAction"));
    }

    [Theory]
    [MemberData(nameof(RenderedOverlays.OverlayData), MemberType = typeof(RenderedOverlays))]
    public void Declarative_subscriptions_are_the_event_flow_with_dead_letter_topics(string overlay)
    {
        var declared = new List<(string AppId, string Topic)>();
        foreach (var subscription in overlays.OfKind(overlay, "Subscription"))
        {
            var topic = subscription.Str("spec", "topic")!;
            var appId = Assert.Single(subscription.Seq("scopes").Cast<string>());

            Assert.Equal("dapr.io/v2alpha1", subscription.Str("apiVersion"));
            Assert.Equal(Topics.PubSubOf(topic), subscription.Str("spec", "pubsubname"));
            if (Topics.All.FirstOrDefault(t => Topics.DeadLetter(t) == topic) is not null)
            {
                // A dead-letter consumer settles every event itself: a further dead-letter topic would be read by nobody.
                Assert.Null(subscription.Str("spec", "deadLetterTopic"));
            }
            else
            {
                Assert.Contains(topic, Topics.All);
                Assert.Equal(Topics.DeadLetter(topic), subscription.Str("spec", "deadLetterTopic"));
            }
            Assert.Equal("/events/" + topic, subscription.Str("spec", "routes", "default"));
            declared.Add((appId, topic));
        }

        Assert.Equal(Subscriptions.Order(), declared.Order());
    }

    [Fact]
    public void Local_components_have_the_kubernetes_names_types_and_scopes()
    {
        var kubernetes = Yaml.LoadFile(DeployedService.PathOf("dapr-components/statestore.yaml"))
            .Concat(Yaml.LoadFile(DeployedService.PathOf("dapr-components/pubsub.yaml")))
            .Concat(Yaml.LoadFile(DeployedService.PathOf("dapr-components/pubsub-broadcast.yaml")))
            .ToDictionary(c => c.Name());
        var local = LocalResources().Where(r => r.Kind() == "Component").ToDictionary(c => c.Name());

        Assert.Equal([DaprComponents.PubSub, DaprComponents.Broadcast, DaprComponents.StateStore], local.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, component) in local)
        {
            Assert.Equal(kubernetes[name].Str("spec", "type"), component.Str("spec", "type"));
            Assert.Equal(kubernetes[name].Seq("scopes"), component.Seq("scopes"));
        }
        Assert.Equal("false", Metadata(local[DaprComponents.StateStore]).GetValueOrDefault("actorStateStore"));
    }

    [Fact]
    public void Local_resiliency_is_the_kubernetes_resiliency()
    {
        var kubernetes = Assert.Single(Yaml.LoadFile(DeployedService.PathOf("dapr-components/resiliency.yaml")));
        var local = Assert.Single(LocalResources(), r => r.Kind() == "Resiliency");

        Assert.Equal(Yaml.Canonical(kubernetes), Yaml.Canonical(local));
    }

    [Fact]
    public void Dapr_run_file_starts_every_app_on_its_local_port_with_the_local_resources()
    {
        var run = Assert.Single(Yaml.LoadFile(DeployedService.PathOf("dapr.yaml")));
        var apps = run.Seq("apps").OfType<Dictionary<object, object?>>().ToList();
        var configuration = run.Str("common", "configFilePath")!;
        var localConfiguration = Assert.Single(Yaml.LoadFile(DeployedService.PathOf(configuration)));

        Assert.True(Directory.Exists(DeployedService.PathOf(run.Str("common", "resourcesPath")!)), "common.resourcesPath does not exist");
        Assert.Equal("Configuration", localConfiguration.Kind());
        Assert.Equal(
            overlays.OfKind("prod", "Configuration").Single().Name(),
            localConfiguration.Name());
        Assert.Equal(AppIds.All.Order(StringComparer.Ordinal), apps.Select(a => a.Str("appID")!).Order(StringComparer.Ordinal));
        foreach (var app in apps)
        {
            var service = DeployedService.Get(app.Str("appID")!);
            var directory = app.Str("appDirPath")!;
            var command = app.Seq("command").Cast<string>().ToList();

            Assert.Equal($"./services/{service.Folder}", directory);
            Assert.True(File.Exists(DeployedService.PathOf(service.ProjectPath)), service.ProjectPath + " does not exist");
            Assert.Equal(service.LocalPort.ToString(), app.Str("appPort"));
            Assert.Equal($"http://127.0.0.1:{service.LocalPort}", command[command.IndexOf("--urls") + 1]);
        }
        foreach (var port in new[] { "appPort", "daprHTTPPort", "daprGRPCPort" })
        {
            var values = apps.Select(a => a.Str(port)).ToList();
            Assert.Equal(values.Count, values.Distinct().Count());
        }
    }

    [Fact]
    public void Declarative_subscriptions_are_kept_out_of_the_local_run()
    {
        // Locally the sidecars read each app's /dapr/subscribe, exactly like the embedded sidecar
        // of DevHost; a declarative duplicate would make daprd pick one of two sources.
        Assert.DoesNotContain(LocalResources(), r => r.Kind() == "Subscription");
    }

    private static Dictionary<string, string?> Metadata(Dictionary<object, object?> component) =>
        component.Seq("spec", "metadata").OfType<Dictionary<object, object?>>()
            .ToDictionary(m => m.Str("name")!, m => m.Str("value"), StringComparer.Ordinal);

    private static IEnumerable<Dictionary<object, object?>> LocalResources() =>
        Directory.GetFiles(DeployedService.PathOf("dapr-components/local"), "*.yaml").Order(StringComparer.Ordinal).SelectMany(Yaml.LoadFile);
}
