using System.Diagnostics;
using System.Reflection;

namespace EndToEnd.Tests;

/// <summary>
/// The reference wallet CLI (tools/Wallet) run as a separate process, the way a user runs it: its
/// own working directory, its own wallet folder, only its command line and its output in common with the test.
/// </summary>
public static class WalletCli
{
    /// <summary>The built gaiax-wallet.dll of the same configuration as this test assembly.</summary>
    public static string Path { get; } = System.IO.Path.GetFullPath(
        typeof(WalletCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "WalletCli").Value!);

    /// <summary>Runs <c>dotnet gaiax-wallet.dll args…</c> in <paramref name="workingDirectory"/> and waits (bounded) for it.</summary>
    public static async Task<WalletCliRun> RunAsync(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"gaiax-wallet {string.Join(' ', args)} did not finish: {await stdout}{await stderr}");
        }
        return new WalletCliRun(process.ExitCode, await stdout, await stderr);
    }
}
