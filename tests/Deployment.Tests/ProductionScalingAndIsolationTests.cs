namespace GaiaX.Oid4vc.Deployment.Tests;

/// <summary>
/// The production overlay scales each service and isolates it: an autoscaler that never goes below two
/// replicas (so the disruption budget always leaves one serving), and network policies that let only the
/// ingress controller and Prometheus reach a service pod, and only the service pods reach Redis.
/// </summary>
public sealed class ProductionScalingAndIsolationTests(RenderedOverlays overlays) : IClassFixture<RenderedOverlays>
{
    public static TheoryData<string> Services => new() { "issuer", "verifier", "notary", "compliance", "registry" };

    [Theory]
    [MemberData(nameof(Services))]
    public void Service_scales_on_cpu_between_two_and_more_replicas_of_its_deployment(string appId)
    {
        var hpa = overlays.Single("prod", "HorizontalPodAutoscaler", appId);
        var minimum = int.Parse(hpa.Str("spec", "minReplicas")!, System.Globalization.CultureInfo.InvariantCulture);
        var maximum = int.Parse(hpa.Str("spec", "maxReplicas")!, System.Globalization.CultureInfo.InvariantCulture);
        var budget = overlays.Single("prod", "PodDisruptionBudget", appId);

        Assert.Equal(("Deployment", appId), (hpa.Str("spec", "scaleTargetRef", "kind"), hpa.Str("spec", "scaleTargetRef", "name")));
        Assert.True(minimum >= 2 && maximum > minimum, $"{appId}: {minimum}..{maximum} replicas");
        Assert.Equal("1", budget.Str("spec", "maxUnavailable"));
        Assert.Contains(hpa.Seq("spec", "metrics"), m => m.Str("resource", "name") == "cpu");
        Assert.NotNull(overlays.Single("prod", "Deployment", appId).MainContainer().At("resources", "requests", "cpu"));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Autoscaled_deployment_leaves_its_replica_count_to_the_autoscaler(string appId)
    {
        // A count in the manifest would be re-applied over the autoscaler's on every `kubectl apply`.
        Assert.Null(overlays.Single("prod", "Deployment", appId).At("spec", "replicas"));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Only_the_ingress_controller_and_prometheus_reach_a_service_pod(string appId)
    {
        var policy = Assert.Single(
            overlays.OfKind("prod", "NetworkPolicy"),
            p => p.Str("spec", "podSelector", "matchLabels", "app.kubernetes.io/name") == appId);
        var rules = policy.Seq("spec", "ingress");
        var peers = rules.SelectMany(rule => rule.Seq("from")).ToList();

        Assert.Contains("Ingress", policy.Seq("spec", "policyTypes"));
        Assert.All(rules, rule => Assert.NotEmpty(rule.Seq("from")));
        Assert.All(rules, rule => Assert.NotEmpty(rule.Seq("ports")));
        Assert.All(peers, peer => Assert.Null(peer.At("podSelector")));
        Assert.All(peers, peer => Assert.Null(peer.At("ipBlock")));
        Assert.Equal(
            ["ingress-nginx", "monitoring"],
            peers.Select(p => p.Str("namespaceSelector", "matchLabels", "kubernetes.io/metadata.name")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Only_service_pods_reach_redis()
    {
        var policy = overlays.Single("prod", "NetworkPolicy", "redis");
        var peers = policy.Seq("spec", "ingress").SelectMany(rule => rule.Seq("from")).ToList();

        Assert.Equal("redis", policy.Str("spec", "podSelector", "matchLabels", "app.kubernetes.io/name"));
        Assert.All(peers, peer => Assert.Equal("service", peer.Str("podSelector", "matchLabels", "app.kubernetes.io/component")));
    }
}
