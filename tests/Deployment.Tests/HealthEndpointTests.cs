using System.Net;
using GaiaX.Oid4vc.Testing;

namespace GaiaX.Oid4vc.Deployment.Tests;

/// <summary>
/// The probe paths in the manifests are endpoints the services really serve: each service is
/// started in-process and asked on the paths its Deployment probes.
/// </summary>
public sealed class HealthEndpointTests(RenderedOverlays overlays) : IClassFixture<RenderedOverlays>
{
    [Theory]
    [MemberData(nameof(DeployedService.AppIdData), MemberType = typeof(DeployedService))]
    public async Task Probe_paths_are_served_by_the_service(string appId)
    {
        var service = DeployedService.Get(appId);
        var container = overlays.Single("prod", "Deployment", appId).MainContainer();
        await using var host = await TestServiceHost.StartAsync(service.Create, service.Folder);

        // Liveness (and startup) must answer 200 whenever the process runs: no dependency in it.
        foreach (var probe in new[] { "livenessProbe", "startupProbe" })
        {
            using var response = await host.Client.GetAsync(new Uri(container.Str(probe, "httpGet", "path")!, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        // Readiness may be 503 here (no sidecar), but it must be the health endpoint, not a 404.
        using var readiness = await host.Client.GetAsync(new Uri(container.Str("readinessProbe", "httpGet", "path")!, UriKind.Relative));
        Assert.Contains(readiness.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable });
        Assert.Contains(await readiness.Content.ReadAsStringAsync(), new[] { "Healthy", "Degraded", "Unhealthy" });
    }
}
