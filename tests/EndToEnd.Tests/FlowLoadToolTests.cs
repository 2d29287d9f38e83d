using System.Diagnostics;
using System.Reflection;
using GaiaX.Oid4vc.DevHost;
using Xunit.Abstractions;

namespace EndToEnd.Tests;

/// <summary>
/// The whole-flow load tool (<c>tests/Benchmarks flow-load</c>, <c>presentation-load</c>, <c>compliance-load</c>) in its short mode, as CI runs
/// it: DevHost as its own process, whole flows over HTTP from the tool's process, a report with DevHost CPU per flow and
/// per-step latencies.
/// </summary>
public sealed class FlowLoadToolTests(ITestOutputHelper output)
{
    private static readonly string LoadTool = Path.GetFullPath(
        typeof(FlowLoadToolTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "LoadTool").Value!);

    private async Task<string> RunAsync(string command, params string[] options)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { LoadTool, command, "1", "2", "--short", "--devhost", typeof(DevStack).Assembly.Location }.Concat(options))
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        var report = await stdout;
        output.WriteLine(report + await stderr);
        Assert.Equal(0, process.ExitCode);
        return report;
    }

    [Fact]
    public async Task The_load_tool_completes_whole_issuances_against_devhost_and_reports_them()
    {
        var report = await RunAsync("flow-load");

        Assert.Matches(@"issuances=[1-9]\d* failed=0 ", report);
        Assert.Matches(@"server cpu/issuance=\d+\.\d+ms", report);
        foreach (var step in new[] { "offer", "metadata", "token", "nonce", "credential", "total" })
        {
            Assert.Matches($@"\s{step}\s+p50=\d+\.\d+ms p99=\d+\.\d+ms", report);
        }
    }

    [Fact]
    public async Task The_load_tool_completes_whole_presentations_against_devhost_and_reports_them()
    {
        var report = await RunAsync("presentation-load");

        Assert.Matches(@"presentations=[1-9]\d* failed=0 ", report);
        Assert.Matches(@"server cpu/presentation=\d+\.\d+ms", report);
        foreach (var step in new[] { "request", "request object", "response", "status", "total" })
        {
            Assert.Matches($@"\s{step}\s+p50=\d+\.\d+ms p99=\d+\.\d+ms", report);
        }
    }

    [Fact]
    public async Task The_load_tool_turns_participant_presentations_into_labels_against_devhost_and_reports_them()
    {
        var report = await RunAsync("compliance-load");

        Assert.Matches(@"labels=[1-9]\d* failed=0 ", report);
        Assert.Matches(@"server cpu/label=\d+\.\d+ms", report);
        Assert.Matches(@"\slabel\s+p50=\d+\.\d+ms p99=\d+\.\d+ms", report);
    }

    [Fact]
    public async Task Provider_presentations_in_both_namespaces_with_level_1_evidence_get_level_1_labels_against_devhost()
    {
        var report = await RunAsync("compliance-load", "--two-versions", "--label-evidence");

        Assert.Matches(@"to an L1 label .* labels=[1-9]\d* failed=0 ", report);
    }
}
