using System.Diagnostics;

namespace GaiaX.Oid4vc.Deployment.Tests;

/// <summary>
/// k8s/create-secrets.sh run as Skaffold and Tilt run it (from the repository root), against a stand-in
/// <c>kubectl</c> that records what it is asked to create, and a stand-in <c>dotnet</c> for DevHost.
/// </summary>
public sealed class SecretsScriptTests : IDisposable
{
    private const string DevHostJwk = """{"kty":"EC","crv":"P-256","x":"AAAA","y":"BBBB","kid":"onboarding"}""";

    private readonly string _folder = Directory.CreateTempSubdirectory("gaiax-secrets-").FullName;

    private string Created => Path.Combine(_folder, "created");

    private void StandIn(string name, string script)
    {
        var path = Path.Combine(_folder, "bin", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "#!/bin/sh\n" + script);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private async Task<(int ExitCode, string Output)> RunAsync()
    {
        Directory.CreateDirectory(Created);
        // `get` finds nothing (every Secret is missing); `create secret generic NAME ... --from-file=KEY=FILE`
        // keeps FILE's content as created/NAME.KEY.
        StandIn(
            "kubectl",
            $$"""
            [ "$1" = get ] && [ "$2" = namespace ] && exit 0
            [ "$1" = get ] && exit 1
            name="$4"
            for arg in "$@"; do
              case "$arg" in
                --from-file=*) spec="${arg#--from-file=}"; cp "${spec#*=}" "{{Created}}/$name.${spec%%=*}" ;;
              esac
            done
            """
        );
        StandIn("dotnet", $"[ \"$*\" = \"run --project services/DevHost -- token --jwk\" ] && echo '{DevHostJwk}'\n");
        var start = new ProcessStartInfo("sh", ["k8s/create-secrets.sh"])
        {
            WorkingDirectory = Testing.RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PATH"] = Path.Combine(_folder, "bin") + ":" + Environment.GetEnvironmentVariable("PATH");
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }

    [Fact]
    public async Task Dev_management_jwk_secret_holds_the_public_jwk_devhost_prints()
    {
        var (exitCode, output) = await RunAsync();

        Assert.True(exitCode == 0, output);
        Assert.Equal(DevHostJwk, File.ReadAllText(Path.Combine(Created, "management-jwk.jwk")).Trim());
        Assert.Contains("mint management tokens with: dotnet run --project services/DevHost -- token", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generated_secrets_get_fresh_random_values()
    {
        var (exitCode, output) = await RunAsync();

        Assert.True(exitCode == 0, output);
        var redis = File.ReadAllText(Path.Combine(Created, "redis-auth.redis-password"));
        var token = File.ReadAllText(Path.Combine(Created, "issuer-dapr-api-token.token"));
        Assert.Matches("^[A-Za-z0-9_-]{43}$", redis);
        Assert.NotEqual(redis, token);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
