using System.Diagnostics;
using System.Net;
using GaiaX.Oid4vc.Compliance;
using GaiaX.Oid4vc.Issuer;
using GaiaX.Oid4vc.Notary;
using GaiaX.Oid4vc.Testing;
using GaiaX.Oid4vc.Verifier;

namespace GaiaX.Oid4vc.ServiceDefaults.Tests;

/// <summary>
/// Each service as its own process, the way `dotnet run --project services/Issuer` and a container start
/// it: with no settings it starts and serves its DID document (the README's "a service on its own"); with a
/// setting left at its placeholder it exits 78 with one line naming the setting, not a stack trace.
/// </summary>
public sealed class ServiceProcessTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("gaiax-process-").FullName;

    private static string Assembly(string service) =>
        service switch
        {
            "Issuer" => typeof(IssuerProgram).Assembly.Location,
            "Verifier" => typeof(VerifierProgram).Assembly.Location,
            "Notary" => typeof(NotaryProgram).Assembly.Location,
            _ => typeof(ComplianceProgram).Assembly.Location,
        };

    private Process Start(string service, IDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Assembly(service));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        return Process.Start(start)!;
    }

    [Theory]
    [MemberData(nameof(ServiceCatalog.Names), MemberType = typeof(ServiceCatalog))]
    public async Task Service_process_with_a_setting_left_at_its_placeholder_exits_78_with_one_line_naming_it(string service)
    {
        using var process = Start(
            service,
            new Dictionary<string, string> { [$"{service}__Management__Authority"] = "REQUIRED: the OpenID provider" }
        );
        var error = await process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(ServiceHost.ConfigurationError, process.ExitCode);
        Assert.Equal($"{service.ToLowerInvariant()}: Setting '{service}:Management:Authority' is not set: the OpenID provider", error.Trim());
    }

    [Theory]
    [MemberData(nameof(ServiceCatalog.Names), MemberType = typeof(ServiceCatalog))]
    public async Task Service_started_on_its_own_without_settings_serves_its_did_document(string service)
    {
        var port = TestServiceHost.FreePort();
        using var process = Start(service, new Dictionary<string, string>(), $"--urls=http://127.0.0.1:{port}");
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            HttpResponseMessage? response = null;
            for (var attempt = 0; attempt < 300 && response is null && !process.HasExited; attempt++)
            {
                try
                {
                    response = await http.GetAsync("/.well-known/did.json");
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(100);
                }
            }

            if (process.HasExited)
            {
                Assert.Fail($"{service} exited with {process.ExitCode}: {await process.StandardError.ReadToEndAsync()}");
            }
            Assert.Equal(HttpStatusCode.OK, response!.StatusCode);
            Assert.StartsWith("{\"@context\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            response.Dispose();
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
