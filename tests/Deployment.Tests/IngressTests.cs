namespace GaiaX.Oid4vc.Deployment.Tests;

/// <summary>
/// What the production overlay lets in from outside: each service's public host, and on it only its
/// protocol, management and well-known routes — never a Dapr route or a probe.
/// </summary>
public sealed class IngressTests(RenderedOverlays overlays) : IClassFixture<RenderedOverlays>
{
    private static readonly string[] PrivatePrefixes = ["/events", "/dapr", "/healthz", "/readyz", "/openapi", "/metrics"];

    [Theory]
    [MemberData(nameof(RenderedOverlays.OverlayData), MemberType = typeof(RenderedOverlays))]
    public void Ingress_routes_no_dapr_route_and_no_probe(string overlay)
    {
        var ingress = Assert.Single(overlays.OfKind(overlay, "Ingress"));
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

    [Theory]
    [MemberData(nameof(RenderedOverlays.OverlayData), MemberType = typeof(RenderedOverlays))]
    public void Each_service_is_reached_through_the_ingress_on_the_host_of_its_public_base_url(string overlay)
    {
        var ingress = Assert.Single(overlays.OfKind(overlay, "Ingress"));
        var rules = ingress.Seq("spec", "rules");
        foreach (var service in DeployedService.All)
        {
            var deployment = overlays.Single(overlay, "Deployment", service.AppId);
            var url = new Uri(deployment.MainContainer().Environment(overlays.Resources(overlay))[service.PublicBaseUrlKey]!);
            var rule = Assert.Single(rules, r => r.Str("host") == url.Host);
            Assert.All(rule.Seq("http", "paths"), p => Assert.Equal(service.AppId, p.Str("backend", "service", "name")));
            Assert.Contains(ingress.Seq("spec", "tls"), tls => tls.Seq("hosts").Contains(url.Host));
        }
    }

    [Theory]
    [MemberData(nameof(RenderedOverlays.OverlayData), MemberType = typeof(RenderedOverlays))]
    public void Each_service_did_is_the_did_web_of_its_ingress_host(string overlay)
    {
        var ingress = Assert.Single(overlays.OfKind(overlay, "Ingress"));
        foreach (var service in DeployedService.Signing)
        {
            var environment = overlays.Single(overlay, "Deployment", service.AppId).MainContainer().Environment(overlays.Resources(overlay));
            var host = new Uri(environment[service.PublicBaseUrlKey]!).Host;

            Assert.Equal($"did:web:{host}", environment.GetValueOrDefault("Identity__Did"));
            Assert.Contains(ingress.Seq("spec", "rules"), r => r.Str("host") == host);
        }
    }

    [Theory]
    [MemberData(nameof(RenderedOverlays.OverlayData), MemberType = typeof(RenderedOverlays))]
    public void Service_without_an_identity_routes_no_did_document(string overlay)
    {
        var ingress = Assert.Single(overlays.OfKind(overlay, "Ingress"));
        foreach (var service in DeployedService.All.Where(s => !s.HasServiceIdentity))
        {
            var deployment = overlays.Single(overlay, "Deployment", service.AppId);
            var environment = deployment.MainContainer().Environment(overlays.Resources(overlay));
            var host = new Uri(environment[service.PublicBaseUrlKey]!).Host;
            var rule = Assert.Single(ingress.Seq("spec", "rules"), r => r.Str("host") == host);

            Assert.DoesNotContain("Identity__Did", environment.Keys);
            Assert.DoesNotContain(rule.Seq("http", "paths"), p => p.Str("path")!.StartsWith("/.well-known", StringComparison.Ordinal));
        }
    }
}
