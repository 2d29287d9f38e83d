using System.Diagnostics;

namespace GaiaX.Oid4vc.DevHost.Rehearsal;

/// <summary>
/// One process of the rehearsal (a service or its sidecar): started with <c>dotnet &lt;assembly&gt;</c>, its
/// environment and arguments, its output appended to a log file; it can be killed and started again.
/// </summary>
public sealed class RehearsalProcess : IAsyncDisposable
{
    private readonly string _assembly;
    private readonly IReadOnlyList<string> _arguments;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly string _logPath;
    private readonly object _logLock = new();
    private Process? _process;

    public RehearsalProcess(
        string name,
        string assembly,
        IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string> environment,
        string logPath
    )
    {
        Name = name;
        _assembly = assembly;
        _arguments = arguments;
        _environment = environment;
        _logPath = logPath;
    }

    public string Name { get; }

    /// <summary>The environment the process gets (the settings under test).</summary>
    public IReadOnlyDictionary<string, string> Environment => _environment;

    public int? ProcessId => _process is { HasExited: false } process ? process.Id : null;

    public string LogPath => _logPath;

    public void Start()
    {
        if (_process is { HasExited: false })
        {
            throw new InvalidOperationException($"{Name} is already running.");
        }
        _process?.Dispose();
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(_logPath)!,
        };
        start.ArgumentList.Add(_assembly);
        foreach (var argument in _arguments)
        {
            start.ArgumentList.Add(argument);
        }
        // Nothing inherited decides the outcome: the rehearsal's own settings only.
        foreach (
            var key in start
                .Environment.Keys.Where(k =>
                    k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)
                    || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal)
                    || k.StartsWith("DAPR_", StringComparison.Ordinal)
                    || k == "APP_API_TOKEN"
                )
                .ToList()
        )
        {
            start.Environment.Remove(key);
        }
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => Log(line.Data);
        process.ErrorDataReceived += (_, line) => Log(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        Log($"--- started {Name} (pid {process.Id})");
    }

    /// <summary>Kills the process at once (SIGKILL), as a node failure or an OOM kill would.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().ConfigureAwait(false);
            Log($"--- killed {Name}");
        }
    }

    /// <summary>The last lines of the log, for a failure message.</summary>
    public string Tail(int lines = 40)
    {
        lock (_logLock)
        {
            return File.Exists(_logPath) ? string.Join(System.Environment.NewLine, File.ReadLines(_logPath).TakeLast(lines)) : "";
        }
    }

    private void Log(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_logLock)
        {
            File.AppendAllText(_logPath, line + System.Environment.NewLine);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync().ConfigureAwait(false);
        _process?.Dispose();
    }
}
