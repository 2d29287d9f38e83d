using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace GaiaX.Oid4vc.Deployment.Tests;

/// <summary>Each service's Dockerfile (build context = repository root).</summary>
public sealed partial class DockerfileTests
{
    [GeneratedRegex("(password|passwd|secret|token|apikey|api_key|privatekey|private_key|credential)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    [Theory]
    [MemberData(nameof(DeployedService.ImageAppIdData), MemberType = typeof(DeployedService))]
    public void Dockerfile_builds_with_the_sdk_and_runs_on_the_aspnet_runtime(string appId)
    {
        var dockerfile = Dockerfile.Load(DeployedService.Get(appId).DockerfilePath);
        var stages = dockerfile.Of("FROM").ToList();

        Assert.True(stages.Count >= 2, "a multi-stage build keeps the SDK out of the image");
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:10.0 ", stages[0].Arguments + " ", StringComparison.Ordinal);
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0 ", stages[^1].Arguments + " ", StringComparison.Ordinal);
        var buildStage = stages[0].Arguments.Split(' ')[^1];
        Assert.Contains(dockerfile.Of("COPY"), c => c.Stage == dockerfile.FinalStage && c.Arguments.StartsWith($"--from={buildStage} ", StringComparison.Ordinal));
        // Nothing but the published output reaches the final stage.
        Assert.All(dockerfile.Of("COPY").Where(c => c.Stage == dockerfile.FinalStage), c => Assert.StartsWith("--from=", c.Arguments, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(DeployedService.ImageAppIdData), MemberType = typeof(DeployedService))]
    public void Restore_runs_on_project_files_before_the_sources_are_copied(string appId)
    {
        var service = DeployedService.Get(appId);
        var instructions = Dockerfile.Load(service.DockerfilePath).Instructions.Where(i => i.Stage == 0).ToList();
        var restore = instructions.FindIndex(i => i.Keyword == "RUN" && i.Arguments.StartsWith("dotnet restore ", StringComparison.Ordinal));

        Assert.True(restore > 0, "no `RUN dotnet restore` in the build stage");
        Assert.Equal($"dotnet restore {service.ProjectPath}", instructions[restore].Arguments);
        foreach (var copy in instructions.Take(restore).Where(i => i.Keyword == "COPY"))
        {
            Assert.All(CopySources(copy), source => Assert.Matches(@"(\.csproj|\.props|global\.json)$", source));
        }
        var publish = instructions.FindIndex(i => i.Keyword == "RUN" && i.Arguments.StartsWith("dotnet publish ", StringComparison.Ordinal));
        Assert.True(publish > restore, "publish must come after restore");
        Assert.StartsWith($"dotnet publish {service.ProjectPath} -c Release --no-restore", instructions[publish].Arguments, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(DeployedService.ImageAppIdData), MemberType = typeof(DeployedService))]
    public void Restore_layer_holds_every_project_the_service_references(string appId)
    {
        var service = DeployedService.Get(appId);
        var instructions = Dockerfile.Load(service.DockerfilePath).Instructions.Where(i => i.Stage == 0).ToList();
        var restore = instructions.FindIndex(i => i.Keyword == "RUN" && i.Arguments.StartsWith("dotnet restore ", StringComparison.Ordinal));
        var copied = instructions.Take(restore).Where(i => i.Keyword == "COPY").SelectMany(CopySources).ToHashSet(StringComparer.Ordinal);

        Assert.All(new[] { "Directory.Build.props", "Directory.Packages.props", "global.json" }, file => Assert.Contains(file, copied));
        Assert.All(ProjectClosure(service.ProjectPath), project => Assert.Contains(project, copied));
    }

    [Theory]
    [MemberData(nameof(DeployedService.ImageAppIdData), MemberType = typeof(DeployedService))]
    public void Every_path_the_dockerfile_copies_exists(string appId)
    {
        var dockerfile = Dockerfile.Load(DeployedService.Get(appId).DockerfilePath);
        foreach (var source in dockerfile.Of("COPY").Where(c => !c.Arguments.StartsWith("--from=", StringComparison.Ordinal)).SelectMany(CopySources))
        {
            var path = DeployedService.PathOf(source);
            Assert.True(File.Exists(path) || Directory.Exists(path), $"{source} does not exist");
        }
    }

    [Theory]
    [MemberData(nameof(DeployedService.ImageAppIdData), MemberType = typeof(DeployedService))]
    public void Image_runs_as_the_unprivileged_app_user(string appId)
    {
        var dockerfile = Dockerfile.Load(DeployedService.Get(appId).DockerfilePath);
        var user = dockerfile.Of("USER").LastOrDefault(u => u.Stage == dockerfile.FinalStage);

        Assert.True(user is not null, "the final stage sets no USER, so the service would run as root");
        Assert.Contains(user.Arguments, new[] { "$APP_UID", "${APP_UID}", DeployedService.AppUid.ToString() });
    }

    [Theory]
    [MemberData(nameof(DeployedService.ImageAppIdData), MemberType = typeof(DeployedService))]
    public void Image_listens_on_the_port_the_manifests_use(string appId)
    {
        var dockerfile = Dockerfile.Load(DeployedService.Get(appId).DockerfilePath);
        var environment = dockerfile.Environment(dockerfile.FinalStage);

        Assert.Equal(DeployedService.ContainerPort.ToString(), environment.GetValueOrDefault("ASPNETCORE_HTTP_PORTS"));
        Assert.DoesNotContain("ASPNETCORE_URLS", environment.Keys);
        Assert.Contains(dockerfile.Of("EXPOSE"), e => e.Arguments == DeployedService.ContainerPort.ToString());
    }

    [Theory]
    [MemberData(nameof(DeployedService.ImageAppIdData), MemberType = typeof(DeployedService))]
    public void Entrypoint_starts_the_service_assembly(string appId)
    {
        var service = DeployedService.Get(appId);
        var dockerfile = Dockerfile.Load(service.DockerfilePath);
        var entrypoint = JsonSerializer.Deserialize<string[]>(dockerfile.Of("ENTRYPOINT").Single().Arguments)!;
        var assemblyName = XDocument.Load(DeployedService.PathOf(service.ProjectPath)).Descendants("AssemblyName").Single().Value;

        Assert.Equal(["dotnet", assemblyName + ".dll"], entrypoint);
    }

    [Theory]
    [MemberData(nameof(DeployedService.ImageAppIdData), MemberType = typeof(DeployedService))]
    public void Image_bakes_in_no_secrets(string appId)
    {
        var dockerfile = Dockerfile.Load(DeployedService.Get(appId).DockerfilePath);

        Assert.All(dockerfile.Of("ENV").Concat(dockerfile.Of("ARG")), i => Assert.DoesNotMatch(SecretName(), i.Arguments));
        Assert.All(dockerfile.Of("COPY").Concat(dockerfile.Of("ADD")), i => Assert.DoesNotMatch(@"\.(pem|key|pfx|p12|crt)\b", i.Arguments));
        // Secrets needed at build time would come through BuildKit secret mounts, never the image.
        Assert.DoesNotContain(dockerfile.Of("ADD"), i => i.Arguments.Contains("://", StringComparison.Ordinal));
    }

    /// <summary>The source paths of a COPY (all arguments but the last, flags dropped).</summary>
    private static IEnumerable<string> CopySources(DockerInstruction copy)
    {
        var parts = copy.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(p => !p.StartsWith("--", StringComparison.Ordinal)).ToList();
        return parts.Take(parts.Count - 1).Select(p => p.TrimEnd('/'));
    }

    /// <summary>The project and every project it references, directly or not, repository-relative.</summary>
    private static SortedSet<string> ProjectClosure(string project)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var current))
        {
            if (!seen.Add(current))
            {
                continue;
            }
            var path = DeployedService.PathOf(current);
            Assert.True(File.Exists(path), $"{current} is referenced but does not exist");
            foreach (var reference in XDocument.Load(path).Descendants("ProjectReference"))
            {
                var full = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, reference.Attribute("Include")!.Value.Replace('\\', '/')));
                pending.Push(Path.GetRelativePath(Testing.RepositoryPaths.Root, full).Replace(Path.DirectorySeparatorChar, '/'));
            }
        }
        return seen;
    }
}
