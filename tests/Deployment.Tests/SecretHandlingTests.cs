using System.Text.RegularExpressions;

namespace GaiaX.Oid4vc.Deployment.Tests;

/// <summary>
/// Secrets are never part of the repository: the manifests reference Secrets the operator creates
/// beforehand (README, "Deployment"; k8s/create-secrets.sh for the generated ones).
/// </summary>
public sealed partial class SecretHandlingTests(RenderedOverlays overlays) : IClassFixture<RenderedOverlays>
{
    [GeneratedRegex(@"^APPS=""([^""]*)""", RegexOptions.Multiline)]
    private static partial Regex AppsLine();

    [GeneratedRegex(@"^\s*ensure_secret\s+""?([^""\s]+)""?", RegexOptions.Multiline)]
    private static partial Regex EnsureSecretLine();

    [Theory]
    [MemberData(nameof(RenderedOverlays.OverlayData), MemberType = typeof(RenderedOverlays))]
    public void No_secret_object_is_rendered_because_secrets_are_created_beforehand(string overlay)
    {
        Assert.DoesNotContain(overlays.Resources(overlay), r => r.Kind() == "Secret");
    }

    [Theory]
    [MemberData(nameof(RenderedOverlays.OverlayData), MemberType = typeof(RenderedOverlays))]
    public void No_secret_value_appears_in_plain_text_in_the_rendered_overlay(string overlay)
    {
        Assert.Empty(PlainTextSecrets.Find(overlays.Resources(overlay), $"overlay {overlay}"));
    }

    [Fact]
    public void No_secret_value_appears_in_plain_text_in_any_deployment_file()
    {
        var findings = new List<string>();
        foreach (var file in DeploymentYamlFiles())
        {
            var source = Path.GetRelativePath(Testing.RepositoryPaths.Root, file);
            // A JSON patch (a sequence of operations) is checked like a resource holding them.
            var documents = Yaml.LoadNodes(File.ReadAllText(file), source).Select(node => node as Dictionary<object, object?>
                ?? new Dictionary<object, object?> { ["kind"] = "Patch", ["metadata"] = new Dictionary<object, object?> { ["name"] = source }, ["operations"] = node });
            findings.AddRange(PlainTextSecrets.Find(documents, source));
        }
        foreach (var file in DeploymentYamlFiles().Concat(OtherDeploymentFiles()))
        {
            findings.AddRange(PlainTextSecrets.FindKeyMaterial(File.ReadAllText(file), Path.GetRelativePath(Testing.RepositoryPaths.Root, file)));
        }

        Assert.Empty(findings);
    }

    [Fact]
    public void Plain_text_secret_check_flags_written_out_values()
    {
        // The check above only means something if it recognises a secret when it sees one.
        const string manifest = """
            apiVersion: v1
            kind: Secret
            metadata: {name: leaked}
            stringData: {password: hunter2}
            ---
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata: {name: statestore}
            spec:
              metadata:
                - {name: redisPassword, value: hunter2}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings}
            data: {Dapr__ApiToken: abc123, Identity__PrivateKeyPath: /keys/tls.key}
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: redis}
            spec:
              template:
                spec:
                  containers:
                    - name: redis
                      args: ["--requirepass", "hunter2"]
                      env:
                        - {name: REDIS_PASSWORD, value: hunter2}
            """;

        var findings = PlainTextSecrets.Find(Yaml.LoadAll(manifest, "sample"), "sample");

        Assert.Equal(5, findings.Count);
        Assert.DoesNotContain(findings, f => f.Contains("PrivateKeyPath", StringComparison.Ordinal));
        Assert.NotEmpty(PlainTextSecrets.FindKeyMaterial("key: |\n  -----BEGIN EC PRIVATE KEY-----\n", "sample"));
    }

    [Fact]
    public void Every_secret_the_dev_overlay_references_is_created_by_the_secrets_script()
    {
        var script = DeployedService.Read("k8s/create-secrets.sh");
        var apps = AppsLine().Match(script).Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var created = EnsureSecretLine().Matches(script)
            .SelectMany(m => m.Groups[1].Value.Contains("$app", StringComparison.Ordinal)
                ? apps.Select(app => m.Groups[1].Value.Replace("$app", app, StringComparison.Ordinal))
                : [m.Groups[1].Value])
            .ToHashSet(StringComparer.Ordinal);
        // Secrets written by cert-manager from the overlay's own Certificates are not the script's to create.
        var issued = overlays.OfKind("dev", "Certificate").Select(c => c.Str("spec", "secretName")).ToHashSet(StringComparer.Ordinal);
        var referenced = PlainTextSecrets.ReferencedSecretNames(overlays.Resources("dev")).Where(n => !issued.Contains(n)).ToList();

        Assert.Equal(GaiaX.Oid4vc.Dapr.AppIds.All.Order(StringComparer.Ordinal), apps.Order(StringComparer.Ordinal));
        Assert.NotEmpty(referenced);
        Assert.All(referenced, name => Assert.Contains(name, created));
        Assert.Contains($"NAMESPACE=\"${{NAMESPACE:-{DeployedService.Namespace}}}\"", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_secret_the_prod_overlay_references_is_documented_for_operators()
    {
        var readme = DeployedService.Read("README.md");
        var referenced = PlainTextSecrets.ReferencedSecretNames(overlays.Resources("prod"));

        Assert.Contains("redis-auth", referenced);
        Assert.All(DeployedService.Signing, s => Assert.Contains($"{s.AppId}-identity", referenced));
        Assert.All(DeployedService.All.Where(s => !s.HasServiceIdentity), s => Assert.DoesNotContain($"{s.AppId}-identity", referenced));
        Assert.All(referenced, name => Assert.Contains($"`{name}`", readme, StringComparison.Ordinal));
    }

    [Fact]
    public void Docker_build_context_excludes_build_output_and_key_files()
    {
        var ignored = DeployedService.Read(".dockerignore").Split('\n').Select(l => l.Trim()).ToHashSet(StringComparer.Ordinal);

        Assert.All(new[] { "**/bin/", "**/obj/", ".git/", "**/*.pem", "**/*.key", "**/*.pfx", ".devhost-data/" }, pattern => Assert.Contains(pattern, ignored));
    }

    internal static IEnumerable<string> DeploymentYamlFiles()
    {
        var root = Testing.RepositoryPaths.Root;
        return Directory.GetFiles(Path.Combine(root, "k8s"), "*.yaml", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Path.Combine(root, "dapr-components"), "*.yaml", SearchOption.AllDirectories))
            .Append(Path.Combine(root, "dapr.yaml"))
            .Append(Path.Combine(root, "skaffold.yaml"))
            .Order(StringComparer.Ordinal);
    }

    private static IEnumerable<string> OtherDeploymentFiles() =>
        DeployedService.All.Select(s => DeployedService.PathOf(s.DockerfilePath))
            .Append(DeployedService.PathOf("Tiltfile"))
            .Append(DeployedService.PathOf("k8s/create-secrets.sh"));
}
