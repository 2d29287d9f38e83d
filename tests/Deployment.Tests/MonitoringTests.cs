using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GaiaX.Oid4vc.Testing;

namespace GaiaX.Oid4vc.Deployment.Tests;

/// <summary>
/// k8s/monitoring: the ServiceMonitor finds the services and a port they expose, the services serve
/// /metrics, and the dashboard queries only metrics the code records (and every one it records).
/// </summary>
public sealed partial class MonitoringTests(RenderedOverlays overlays) : IClassFixture<RenderedOverlays>
{
    [GeneratedRegex(@"Create(Counter|Histogram)<\w+>\(\s*""(gaiax\.[a-z.]+)""(?:,\s*unit:\s*""([^""]*)"")?", RegexOptions.Singleline)]
    private static partial Regex Instrument();

    [GeneratedRegex(@"\bgaiax_[a-z_]+")]
    private static partial Regex PrometheusName();

    private static IReadOnlyList<Dictionary<object, object?>> Monitoring()
    {
        var (exitCode, output, error) = RenderedOverlays.Kubectl("kustomize", Path.Combine(RepositoryPaths.Root, "k8s", "monitoring"));
        Assert.True(exitCode == 0, error);
        return Yaml.LoadAll(output, "kubectl kustomize k8s/monitoring");
    }

    /// <summary>Each instrument in the services' source, in the form the Prometheus exporter names it.</summary>
    private static Dictionary<string, string> ExportedNames()
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "services"), "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            {
                continue;
            }
            foreach (Match match in Instrument().Matches(File.ReadAllText(file)))
            {
                var name = match.Groups[2].Value.Replace('.', '_');
                var exported = match.Groups[1].Value == "Counter" ? name + "_total" : name + (match.Groups[3].Value == "s" ? "_seconds" : "");
                names[exported] = match.Groups[2].Value;
            }
        }
        return names;
    }

    [Fact]
    public void Dashboard_queries_only_metrics_the_services_record_and_every_one_of_them()
    {
        var configMap = Assert.Single(Monitoring(), r => r.Kind() == "ConfigMap");
        Assert.Equal("1", configMap.Str("metadata", "labels", "grafana_dashboard"));
        var dashboard = JsonNode.Parse(configMap.Str("data", "gaiax-oid4vc-dashboard.json")!)!;
        var queried = dashboard["panels"]!.AsArray()
            .SelectMany(p => p!["targets"]!.AsArray())
            .SelectMany(t => PrometheusName().Matches((string)t!["expr"]!).Select(m => Regex.Replace(m.Value, "_(bucket|sum|count)$", "")))
            .ToHashSet(StringComparer.Ordinal);
        var exported = ExportedNames();

        Assert.True(exported.Count >= 11, $"found only {exported.Count} instruments in the source");
        Assert.All(queried, name => Assert.True(exported.ContainsKey(name), $"the dashboard queries {name}, which no instrument records"));
        Assert.All(exported, pair => Assert.True(queried.Contains(pair.Key), $"no dashboard panel shows {pair.Value} ({pair.Key})"));
    }

    [Fact]
    public void Service_monitor_selects_every_service_on_a_port_it_names_at_metrics()
    {
        var monitor = Assert.Single(Monitoring(), r => r.Kind() == "ServiceMonitor");
        var expression = Assert.Single(monitor.Seq("spec", "selector", "matchExpressions"));
        var endpoint = Assert.Single(monitor.Seq("spec", "endpoints"));
        foreach (var overlay in RenderedOverlays.Names)
        {
            foreach (var service in DeployedService.All)
            {
                var rendered = overlays.Single(overlay, "Service", service.AppId);
                Assert.Equal(expression.Str("key") == "app.kubernetes.io/name" ? service.AppId : null, rendered.Str("metadata", "labels", "app.kubernetes.io/name"));
                Assert.Contains(service.AppId, expression.Seq("values").Cast<string>());
                Assert.Contains(rendered.Seq("spec", "ports"), port => port.Str("name") == endpoint.Str("port"));
            }
        }
        Assert.Equal("/metrics", endpoint.Str("path"));
        Assert.Equal("In", expression.Str("operator"));
    }

    [Theory]
    [MemberData(nameof(RenderedOverlays.OverlayData), MemberType = typeof(RenderedOverlays))]
    public void Every_service_serves_its_metrics_for_the_service_monitor(string overlay)
    {
        foreach (var service in DeployedService.All)
        {
            var deployment = overlays.Single(overlay, "Deployment", service.AppId);
            var environment = deployment.MainContainer().Environment(overlays.Resources(overlay));
            Assert.Equal("true", environment.GetValueOrDefault("Telemetry__PrometheusEndpoint"));
        }
    }
}
