namespace GaiaX.Oid4vc.Deployment.Tests;

/// <summary>Every deployment file parses and every resource in it is a well-formed Kubernetes object.</summary>
public sealed class DeploymentFileTests
{
    [Fact]
    public void Every_deployment_yaml_file_parses()
    {
        var failures = new List<string>();
        foreach (var file in SecretHandlingTests.DeploymentYamlFiles())
        {
            try
            {
                Assert.NotEmpty(Yaml.LoadNodes(File.ReadAllText(file), file));
            }
            catch (Exception e) when (e is InvalidOperationException or Xunit.Sdk.XunitException)
            {
                failures.Add(e.Message);
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public void Every_manifest_names_its_api_version_kind_and_name()
    {
        var manifests = SecretHandlingTests.DeploymentYamlFiles()
            .Where(f => Path.GetFileName(f) is not ("kustomization.yaml" or "dapr.yaml" or "skaffold.yaml"))
            .SelectMany(f => Yaml.LoadNodes(File.ReadAllText(f), f).OfType<Dictionary<object, object?>>().Select(d => (File: f, Document: d)))
            .ToList();

        Assert.NotEmpty(manifests);
        Assert.All(manifests, m =>
        {
            Assert.False(string.IsNullOrEmpty(m.Document.Str("apiVersion")), $"{m.File}: a document has no apiVersion");
            Assert.False(string.IsNullOrEmpty(m.Document.Kind()), $"{m.File}: a document has no kind");
            Assert.Matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", m.Document.Name());
        });
    }

    [Fact]
    public void Every_kustomization_lists_only_files_and_directories_that_exist()
    {
        foreach (var kustomization in SecretHandlingTests.DeploymentYamlFiles().Where(f => Path.GetFileName(f) == "kustomization.yaml"))
        {
            var document = Assert.Single(Yaml.LoadFile(kustomization));
            var directory = Path.GetDirectoryName(kustomization)!;
            var paths = document.Seq("resources").OfType<string>()
                .Concat(document.Seq("patches").Select(p => p.Str("path")).OfType<string>());
            foreach (var path in paths)
            {
                var full = Path.GetFullPath(Path.Combine(directory, path));
                Assert.True(File.Exists(full) || Directory.Exists(full), $"{kustomization} lists {path}, which does not exist");
            }
        }
    }
}
