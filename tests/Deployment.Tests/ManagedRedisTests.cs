namespace GaiaX.Oid4vc.Deployment.Tests;

/// <summary>
/// A managed Redis is selected by one line (the <c>managed-redis</c> component, as
/// <c>k8s/overlays/prod-managed-redis</c> does): the in-cluster Redis goes, and the state store and the broker
/// reach the managed one over TLS with its address and password from a Secret.
/// </summary>
public sealed class ManagedRedisTests
{
    private static readonly Lazy<IReadOnlyList<Dictionary<object, object?>>> Rendered = new(() => RenderedOverlays.Render("prod-managed-redis"));

    private static IEnumerable<Dictionary<object, object?>> RedisComponents() =>
        Rendered.Value.Where(r => r.Kind() == "Component" && r.Name() is "statestore" or "pubsub");

    [Fact]
    public void In_cluster_redis_and_its_policy_are_gone()
    {
        Assert.DoesNotContain(Rendered.Value, r => r.Name() == "redis");
        Assert.Contains(Rendered.Value, r => r.Kind() == "Deployment" && r.Name() == "issuer");
    }

    [Fact]
    public void State_store_and_broker_reach_the_managed_redis_over_tls_with_address_and_password_from_its_secret()
    {
        var components = RedisComponents().ToList();

        Assert.Equal(2, components.Count);
        foreach (var component in components)
        {
            var metadata = component.Seq("spec", "metadata").ToDictionary(m => m.Str("name")!, m => m);
            Assert.Equal(("managed-redis", "host"), (metadata["redisHost"].Str("secretKeyRef", "name"), metadata["redisHost"].Str("secretKeyRef", "key")));
            Assert.Null(metadata["redisHost"].At("value"));
            Assert.Equal(("managed-redis", "password"), (metadata["redisPassword"].Str("secretKeyRef", "name"), metadata["redisPassword"].Str("secretKeyRef", "key")));
            Assert.Equal("true", metadata["enableTLS"].Str("value"));
        }
    }

    [Theory]
    [InlineData("statestore.yaml")]
    [InlineData("pubsub.yaml")]
    public void Component_patch_replaces_the_host_and_the_password_where_dapr_components_keep_them(string file)
    {
        // The component's JSON patch replaces entries 0 and 1 of spec.metadata.
        var component = Assert.Single(Yaml.LoadFile(Path.Combine(Testing.RepositoryPaths.Root, "dapr-components", file)));

        Assert.Equal(["redisHost", "redisPassword"], component.Seq("spec", "metadata").Take(2).Select(m => m.Str("name")));
    }

    [Fact]
    public void Managed_redis_secret_is_documented_for_operators()
    {
        var guide = File.ReadAllText(Path.Combine(Testing.RepositoryPaths.Root, "docs", "deployment.md"));

        Assert.Contains("`managed-redis`", guide, StringComparison.Ordinal);
    }
}
