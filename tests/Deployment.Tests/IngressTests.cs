namespace GaiaX.Oid4vc.Deployment.Tests;

/// <summary>
/// What the production overlay lets in from outside: each service's public host, and on it only its
/// protocol, management and well-known routes — never a Dapr route or a probe.
/// </summary>
public sealed class IngressTests(RenderedOverlays overlays) : IClassFixture<RenderedOverlays>
{
    private static readonly string[] PrivatePrefixes = ["/events", "/dapr", "/healthz", "/readyz", "/openapi", "/metrics"];

    [Fact]
    public void Ingress_routes_no_dapr_route_and_no_probe()
    {
        var ingress = Assert.Single(overlays.OfKind("prod", "Ingress"));
        var paths = ingress.Seq("spec", "rules").SelectMany(rule => rule.Seq("http", "paths")).ToList();

        Assert.NotEmpty(paths);
        foreach (var path in paths)
        {
            var value = path.Str("path") ?? "";
            Assert.True(value.Length > 1, $"the path '{value}' would route everything");
            Assert.DoesNotContain(PrivatePrefixes, p => value.StartsWith(p, StringComparison.Ordinal));
            Assert.Contains(path.Str("pathType"), new[] { "Exact", "Prefix" });
        }
    }

    [Fact]
    public void Each_service_is_reached_through_the_ingress_on_the_host_of_its_public_base_url()
    {
        var ingress = Assert.Single(overlays.OfKind("prod", "Ingress"));
        var rules = ingress.Seq("spec", "rules");
        foreach (var service in DeployedService.All)
        {
            var deployment = overlays.Single("prod", "Deployment", service.AppId);
            var url = new Uri(deployment.MainContainer().Environment(overlays.Resources("prod"))[service.PublicBaseUrlKey]!);
            var rule = Assert.Single(rules, r => r.Str("host") == url.Host);
            Assert.All(rule.Seq("http", "paths"), p => Assert.Equal(service.AppId, p.Str("backend", "service", "name")));
            Assert.Contains(ingress.Seq("spec", "tls"), tls => tls.Seq("hosts").Contains(url.Host));
        }
    }
}
