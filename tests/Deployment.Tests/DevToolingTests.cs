using System.Text.RegularExpressions;

namespace GaiaX.Oid4vc.Deployment.Tests;

/// <summary>skaffold.yaml and the Tiltfile build the images the manifests run and deploy the dev overlay.</summary>
public sealed partial class DevToolingTests(RenderedOverlays overlays) : IClassFixture<RenderedOverlays>
{
    [GeneratedRegex(@"^docker_build\('([^']+)',\s*'([^']+)',\s*dockerfile='([^']+)'", RegexOptions.Multiline)]
    private static partial Regex DockerBuild();

    [GeneratedRegex(@"^k8s_yaml\(kustomize\('([^']+)'\)\)", RegexOptions.Multiline)]
    private static partial Regex KustomizeYaml();

    [GeneratedRegex(@"^k8s_resource\('([^']+)'(.*)\)\s*$", RegexOptions.Multiline)]
    private static partial Regex K8sResource();

    [GeneratedRegex(@"port_forwards='(\d+):(\d+)'")]
    private static partial Regex PortForward();

    [GeneratedRegex(@"resource_deps=\[([^\]]*)\]")]
    private static partial Regex ResourceDeps();

    [Fact]
    public void Skaffold_builds_one_artifact_per_service_image_from_its_dockerfile()
    {
        var artifacts = Skaffold().Seq("build", "artifacts").OfType<Dictionary<object, object?>>().ToList();

        Assert.Equal(ManifestImages(), artifacts.Select(a => a.Str("image")!).Order(StringComparer.Ordinal));
        foreach (var artifact in artifacts)
        {
            var service = DeployedService.All.Single(s => s.Image == artifact.Str("image"));
            Assert.Equal(".", artifact.Str("context"));
            Assert.Equal(service.DockerfilePath, artifact.Str("docker", "dockerfile"));
            Assert.True(File.Exists(DeployedService.PathOf(service.DockerfilePath)), service.DockerfilePath + " does not exist");
        }
    }

    [Fact]
    public void Skaffold_deploys_the_dev_overlay_after_creating_its_secrets()
    {
        var skaffold = Skaffold();
        var hook = skaffold.Seq("deploy", "kubectl", "hooks", "before").Select(h => h.Seq("host", "command").Cast<string>().ToList()).Single();

        Assert.Equal(["k8s/overlays/dev"], skaffold.Seq("manifests", "kustomize", "paths").Cast<string>());
        Assert.Equal(["sh", "k8s/create-secrets.sh"], hook);
    }

    [Fact]
    public void Skaffold_forwards_each_service_to_its_usual_local_port()
    {
        var forwards = Skaffold().Seq("portForward").OfType<Dictionary<object, object?>>().ToList();

        Assert.Equal(DeployedService.All.Count, forwards.Count);
        foreach (var service in DeployedService.All)
        {
            var forward = forwards.Single(f => f.Str("resourceName") == service.AppId);
            var target = overlays.Single("dev", "Service", service.AppId);

            Assert.Equal("service", forward.Str("resourceType"));
            Assert.Equal(DeployedService.Namespace, forward.Str("namespace"));
            Assert.Contains(target.Seq("spec", "ports"), p => p.Str("port") == forward.Str("port"));
            Assert.Equal(service.LocalPort.ToString(), forward.Str("localPort"));
        }
    }

    [Fact]
    public void Tiltfile_builds_one_image_per_service_from_its_dockerfile()
    {
        var builds = DockerBuild().Matches(Tiltfile()).ToList();

        Assert.Equal(ManifestImages(), builds.Select(b => b.Groups[1].Value).Order(StringComparer.Ordinal));
        foreach (var build in builds)
        {
            var service = DeployedService.All.Single(s => s.Image == build.Groups[1].Value);
            Assert.Equal(".", build.Groups[2].Value);
            Assert.Equal(service.DockerfilePath, build.Groups[3].Value);
            Assert.True(File.Exists(DeployedService.PathOf(build.Groups[3].Value)), build.Groups[3].Value + " does not exist");
        }
    }

    [Fact]
    public void Tiltfile_deploys_the_dev_overlay()
    {
        var overlay = Assert.Single(KustomizeYaml().Matches(Tiltfile())).Groups[1].Value;

        Assert.Equal("k8s/overlays/dev", overlay);
    }

    [Fact]
    public void Tiltfile_forwards_each_service_and_starts_it_after_redis()
    {
        var resources = K8sResource().Matches(Tiltfile()).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);
        var workloads = overlays.OfKind("dev", "Deployment").Concat(overlays.OfKind("dev", "StatefulSet")).Select(w => w.Name()).ToHashSet();

        Assert.All(resources.Keys, name => Assert.Contains(name, workloads));
        Assert.Contains("redis", resources.Keys);
        Assert.Contains("'secrets'", ResourceDeps().Match(resources["redis"]).Groups[1].Value, StringComparison.Ordinal);
        foreach (var service in DeployedService.All)
        {
            Assert.True(resources.TryGetValue(service.AppId, out var arguments), $"no k8s_resource('{service.AppId}')");
            var forward = PortForward().Match(arguments);
            Assert.Equal(service.LocalPort.ToString(), forward.Groups[1].Value);
            Assert.Equal(DeployedService.ContainerPort.ToString(), forward.Groups[2].Value);
            Assert.Contains("'redis'", ResourceDeps().Match(arguments).Groups[1].Value, StringComparison.Ordinal);
        }
    }

    private static Dictionary<object, object?> Skaffold() => Assert.Single(Yaml.LoadFile(DeployedService.PathOf("skaffold.yaml")));

    private static string Tiltfile() => DeployedService.Read("Tiltfile");

    /// <summary>The service images the dev overlay runs (the names Skaffold and Tilt replace).</summary>
    private IOrderedEnumerable<string> ManifestImages() =>
        overlays.OfKind("dev", "Deployment").Select(d => d.MainContainer().Str("image")!).Order(StringComparer.Ordinal);
}
