using System.Diagnostics;
using System.Text.Json.Nodes;

namespace GaiaX.Oid4vc.Benchmarks.Flows;

/// <summary>
/// DevHost started as its own process (Release build, every service on a port of its own choosing, a fresh data folder),
/// as a newcomer runs it: its services' URLs are read from the table it prints, the management tokens from the
/// <c>tokens.json</c> it writes, and its CPU from <c>/proc</c>.
/// </summary>
public sealed class DevHostProcess : IFlowTarget
{
    private readonly Process _process;
    private readonly DirectoryInfo _data;
    private readonly Dictionary<string, Uri> _services;

    private DevHostProcess(Process process, DirectoryInfo data, Dictionary<string, Uri> services)
    {
        (_process, _data, _services) = (process, data, services);
    }

    /// <summary>The URL DevHost printed for <paramref name="service"/> (issuer, verifier, notary, compliance).</summary>
    public Uri this[string service] => _services[service];

    /// <summary>DevHost's data folder (<c>--data</c>): development CA, identities, management key, <c>tokens.json</c>.</summary>
    public string DataFolder => _data.FullName;

    /// <summary>The development CA that signs the services' identities (the wallet's trust anchor).</summary>
    public string DevelopmentCaCertificate => Path.Combine(_data.FullName, "dev-ca", "ca.crt");

    /// <summary>The management token DevHost wrote for <paramref name="service"/> (issuer or verifier).</summary>
    public string Token(string service) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(_data.FullName, "tokens.json")))![service]!["token"]!.GetValue<string>();

    public string Description => "DevHost (one process: the five services and their embedded sidecars)";

    public long IssuerResidentBytes
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64;
        }
    }

    /// <summary>DevHost's CPU time so far (user and system, every thread).</summary>
    public TimeSpan Cpu
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>Starts DevHost and waits until it is ready.</summary>
    /// <param name="devHost">DevHost's dll, or null for this checkout's Release build.</param>
    /// <param name="settings">Configuration given on DevHost's command line (<c>--key=value</c>).</param>
    public static async Task<DevHostProcess> StartAsync(string? devHost, IEnumerable<KeyValuePair<string, string>> settings)
    {
        var data = Directory.CreateTempSubdirectory("flow-load-");
        // Port 0: DevHost binds any free port and prints its URL (a port picked here could be taken before DevHost binds it).
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                devHost ?? FindDevHost(),
                "--issuer-port",
                "0",
                "--verifier-port",
                "0",
                "--notary-port",
                "0",
                "--compliance-port",
                "0",
                "--registry-port",
                "0",
                "--console-port",
                "0",
                "--data",
                data.FullName,
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }
        var services = new Dictionary<string, Uri>(StringComparer.OrdinalIgnoreCase);
        var printed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = Process.Start(start) ?? throw new InvalidOperationException("DevHost did not start.");
        process.OutputDataReceived += (_, e) =>
        {
            var fields = e.Data?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (
                fields is { Length: >= 2 }
                && fields[0].ToLowerInvariant() is "issuer" or "verifier" or "notary" or "compliance"
                && Uri.TryCreate(fields[1], UriKind.Absolute, out var url)
            )
            {
                lock (services)
                {
                    services[fields[0]] = url;
                    if (services.Count == 4)
                    {
                        printed.TrySetResult();
                    }
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
                Console.Error.WriteLine("devhost: " + e.Data);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new DevHostProcess(process, data, services);
        try
        {
            await printed.Task.WaitAsync(TimeSpan.FromSeconds(90));
            await host.WaitReadyAsync();
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    private async Task WaitReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var tokens = Path.Combine(_data.FullName, "tokens.json");
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"DevHost exited with {_process.ExitCode} before it was ready.");
            }
            try
            {
                var ready = true;
                foreach (var url in _services.Values)
                {
                    using var answer = await http.GetAsync(new Uri(url, "/readyz"));
                    ready &= answer.IsSuccessStatusCode;
                }
                if (ready && File.Exists(tokens))
                {
                    return;
                }
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        throw new InvalidOperationException("DevHost was not ready within 90 s.");
    }

    /// <summary>DevHost's Release build beside this checkout (built by <c>dotnet build -c Release services/DevHost</c>).</summary>
    private static string FindDevHost()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "services", "DevHost", "bin", "Release", "net10.0", "GaiaX.Oid4vc.DevHost.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException("DevHost's Release build was not found: run dotnet build -c Release services/DevHost first.");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
        _data.Delete(recursive: true);
    }
}
