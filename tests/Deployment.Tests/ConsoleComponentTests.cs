using System.Net;
using GaiaX.Oid4vc.Dapr;
using GaiaX.Oid4vc.ServiceDefaults;
using GaiaX.Oid4vc.WebConsole;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace GaiaX.Oid4vc.Deployment.Tests;

/// <summary>
/// The web console is selected by one line (the <c>console</c> component, as <c>k8s/overlays/prod-with-console</c> does):
/// one more workload without a sidecar, reached only through the ingress, reaching only the services' public hosts and
/// the OpenID provider, signing operators in with OpenID Connect.
/// </summary>
public sealed class ConsoleComponentTests
{
    private static readonly Lazy<IReadOnlyList<Dictionary<object, object?>>> Rendered = new(() => RenderedOverlays.Render("prod-with-console"));

    private static readonly Lazy<IReadOnlyList<Dictionary<object, object?>>> Prod = new(() => RenderedOverlays.Render("prod"));

    private static Dictionary<object, object?> Console => Rendered.Value.Single(r => r.Kind() == "Deployment" && r.Name() == "console");

    private static Dictionary<string, string> ConsoleEnvironment => Console.MainContainer().Environment(Rendered.Value);

    [Fact]
    public void Console_is_one_more_workload_beside_the_services_without_a_sidecar_or_a_token()
    {
        var others = Rendered.Value.Where(r => r.Kind() == "Deployment" && r.Name() != "console").Select(r => r.Name()).Order();
        var pod = Console.PodSpec();

        Assert.Equal(AppIds.All.Order(StringComparer.Ordinal), others);
        Assert.DoesNotContain(Console.PodAnnotations().Keys, k => k.StartsWith("dapr.io/", StringComparison.Ordinal));
        Assert.Equal("false", pod.Str("automountServiceAccountToken"));
        Assert.Equal("1", Console.Str("spec", "replicas"));
        // Everything prod renders is rendered unchanged.
        Assert.All(Prod.Value, resource => Assert.Contains(Rendered.Value, r => Yaml.Canonical(r) == Yaml.Canonical(resource)));
    }

    [Fact]
    public void Console_runs_unprivileged_on_the_image_port_with_probes_on_its_health_endpoints()
    {
        var container = Console.MainContainer();

        Assert.Equal(DeployedService.ContainerPort, container.ResolvePort("http"));
        Assert.Equal(DeployedService.ContainerPort.ToString(), ConsoleEnvironment["ASPNETCORE_HTTP_PORTS"]);
        Assert.Equal("/healthz", container.Str("livenessProbe", "httpGet", "path"));
        Assert.Equal("/healthz", container.Str("startupProbe", "httpGet", "path"));
        Assert.Equal("/readyz", container.Str("readinessProbe", "httpGet", "path"));
        Assert.Equal("true", container.Str("securityContext", "readOnlyRootFilesystem"));
        Assert.Equal("false", container.Str("securityContext", "allowPrivilegeEscalation"));
        Assert.Equal("true", Console.PodSpec().Str("securityContext", "runAsNonRoot"));
        Assert.Equal(DeployedService.AppUid.ToString(), Console.PodSpec().Str("securityContext", "runAsUser"));
        Assert.NotNull(container.At("resources", "limits", "memory"));
    }

    [Fact]
    public void Console_calls_each_service_at_its_public_base_url_and_signs_in_with_OpenID_Connect()
    {
        var environment = ConsoleEnvironment;
        foreach (var service in DeployedService.All)
        {
            var deployment = Rendered.Value.Single(r => r.Kind() == "Deployment" && r.Name() == service.AppId);
            var publicUrl = deployment.MainContainer().Environment(Rendered.Value)[service.PublicBaseUrlKey];

            Assert.Equal(publicUrl, environment[$"Console__Services__{service.Folder}"]);
        }
        Assert.StartsWith(RequiredSettings.Placeholder, environment["Console__Authority"], StringComparison.Ordinal);
        Assert.StartsWith(RequiredSettings.Placeholder, environment["Console__ClientId"], StringComparison.Ordinal);
        Assert.Equal("secret:console-oidc/client-secret", environment["Console__ClientSecret"]);
        Assert.DoesNotContain(environment.Keys, k => k.StartsWith("Console__Development", StringComparison.Ordinal));
    }

    [Fact]
    public void Console_is_reached_only_from_the_ingress_and_reaches_no_pod_of_the_namespace()
    {
        var policy = Rendered.Value.Single(r => r.Kind() == "NetworkPolicy" && r.Name() == "console");
        var ingressFrom = policy.Seq("spec", "ingress").SelectMany(rule => rule.Seq("from")).ToList();
        var egressTo = policy.Seq("spec", "egress").SelectMany(rule => rule.Seq("to")).ToList();

        Assert.Equal(["Ingress", "Egress"], policy.Seq("spec", "policyTypes"));
        Assert.Equal("console", policy.Str("spec", "podSelector", "matchLabels", "app.kubernetes.io/name"));
        Assert.Equal(
            ["ingress-nginx", "monitoring"],
            ingressFrom.Select(f => f.Str("namespaceSelector", "matchLabels", "kubernetes.io/metadata.name")).Order());
        Assert.All(egressTo, to => Assert.Null(to.At("podSelector")));
        var external = Assert.Single(egressTo, to => to.At("ipBlock") is not null);
        Assert.Equal("0.0.0.0/0", external.Str("ipBlock", "cidr"));
        Assert.Equal(["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"], external.Seq("ipBlock", "except"));
    }

    [Fact]
    public void Console_ingress_routes_its_host_to_the_console_and_the_pages_public_routes_to_their_services()
    {
        var ingress = Rendered.Value.Single(r => r.Kind() == "Ingress" && r.Name() == "gaiax-oid4vc-console");
        var routes = ingress
            .Seq("spec", "rules")
            .SelectMany(rule => rule.Seq("http", "paths").Select(p => (Host: rule.Str("host"), Path: p.Str("path"), Backend: p.Str("backend", "service", "name"))))
            .ToList();
        var environment = ConsoleEnvironment;

        Assert.Contains(("console.dch.example", "/", "console"), routes);
        Assert.Contains((new Uri(environment["Console__Services__Compliance"]).Host, "/api/assessments", "compliance"), routes);
        foreach (var service in DeployedService.All)
        {
            Assert.Contains((new Uri(environment[$"Console__Services__{service.Folder}"]).Host, "/readyz", service.AppId), routes);
        }
        Assert.DoesNotContain(routes, r => r.Path!.StartsWith("/events", StringComparison.Ordinal) || r.Path.StartsWith("/dapr", StringComparison.Ordinal));
        Assert.Contains(ingress.Seq("spec", "tls"), tls => tls.Seq("hosts").Contains("console.dch.example"));
    }

    [Fact]
    public async Task Console_with_the_rendered_settings_refuses_to_start_until_the_required_ones_are_filled_then_serves_its_probes()
    {
        var settings = ConsoleEnvironment
            .Where(e => e.Key.StartsWith("Console__", StringComparison.Ordinal) && e.Key != "Console__ClientSecret")
            .Select(e => $"--{e.Key.Replace("__", ":", StringComparison.Ordinal)}={e.Value}")
            .Append("--urls=http://127.0.0.1:0")
            .ToArray();

        var refused = Assert.ThrowsAny<Exception>(() => ConsoleProgram.Create(settings, b => b.Services.UseEmbeddedLifetime()));
        Assert.Contains("Setting 'Console:Authority' is not set", refused.Message);

        string[] filled = [.. settings, "--Console:Authority=https://login.dch.example", "--Console:ClientId=gaiax-console"];
        await using var console = ConsoleProgram.Create(filled, b => b.Services.UseEmbeddedLifetime());
        await console.StartAsync();
        var address = console.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        foreach (var probe in new[] { "livenessProbe", "readinessProbe", "startupProbe" })
        {
            using var response = await http.GetAsync(Console.MainContainer().Str(probe, "httpGet", "path"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        await console.StopAsync();
    }
}
