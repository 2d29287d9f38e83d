using System.Diagnostics;
using System.Security.Cryptography;
using GaiaX.Oid4vc.Compliance.Filters;

namespace GaiaX.Oid4vc.Benchmarks.Compliance;

/// <summary>
/// CPU per presentation, which BenchmarkDotNet does not measure: runs the chain sequentially for a
/// fixed time and divides the process's CPU time (all threads, GC included) by the presentations
/// assessed; also reports wall-clock p50/p99 per presentation.
/// <c>dotnet run -c Release --project tests/Benchmarks -- compliance-cpu [seconds]</c>
/// </summary>
public static class ComplianceCpuHarness
{
    public static async Task RunAsync(string[] args)
    {
        var seconds = args.Length > 1 && int.TryParse(args[1], out var s) ? s : 10;
        await using var scenario = await ComplianceScenario.StartAsync();
        var chain = scenario.Chain;

        for (var i = 0; i < 2000; i++)
        {
            await chain.AssessAsync(ComplianceScope.Presentation, scenario.Presentation, CancellationToken.None);
        }

        async Task<(double CpuMicros, double P50, double P99, int Count)> MeasureAsync(Func<Task> once)
        {
            var samples = new List<double>(1 << 16);
            var process = Process.GetCurrentProcess();
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            while (wall.Elapsed.TotalSeconds < seconds)
            {
                var start = Stopwatch.GetTimestamp();
                await once();
                samples.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
            }
            process.Refresh();
            var cpu = (process.TotalProcessorTime - cpuBefore).TotalMicroseconds / samples.Count;
            samples.Sort();
            return (cpu, samples[samples.Count / 2], samples[(int)(samples.Count * 0.99)], samples.Count);
        }

        var chainOnly = await MeasureAsync(() =>
            chain.AssessAsync(ComplianceScope.Presentation, scenario.Presentation, CancellationToken.None)
        );
        var withLabel = await MeasureAsync(async () =>
            scenario.Labels.Issue(
                await chain.AssessAsync(ComplianceScope.Presentation, scenario.Presentation, CancellationToken.None),
                null
            )
        );
        var signatures = await MeasureAsync(() =>
        {
            foreach (var (input, signature, key) in scenario.Signatures)
            {
                key.VerifyData(input, signature, HashAlgorithmName.SHA256);
            }
            return Task.CompletedTask;
        });

        // Where the time goes: each filter on its own, run in chain order on fresh contexts.
        var perFilter = new double[chain.Filters.Count];
        var allocated = new long[chain.Filters.Count];
        const int breakdownRuns = 2000;
        for (var run = 0; run < breakdownRuns; run++)
        {
            using var context = new ComplianceContext(ComplianceScope.Presentation, scenario.Presentation, DateTimeOffset.UtcNow);
            for (var i = 0; i < chain.Filters.Count; i++)
            {
                var bytes = GC.GetTotalAllocatedBytes();
                var start = Stopwatch.GetTimestamp();
                await chain.Filters[i].ApplyAsync(context, CancellationToken.None);
                perFilter[i] += Stopwatch.GetElapsedTime(start).TotalMicroseconds;
                allocated[i] += GC.GetTotalAllocatedBytes() - bytes;
            }
        }
        Console.WriteLine(
            "mean wall time per filter, µs (allocated): "
                + string.Join(
                    ", ",
                    chain.Filters.Select(
                        (f, i) =>
                            string.Create(
                                System.Globalization.CultureInfo.InvariantCulture,
                                $"{f.Name} {perFilter[i] / breakdownRuns:N0} ({allocated[i] / breakdownRuns / 1024.0:N0} KB)"
                            )
                    )
                )
        );

        Console.WriteLine($"{"per presentation", -34} {"CPU", 10} {"p50", 10} {"p99", 10} {"runs", 8}");
        foreach (
            var (name, m) in new[]
            {
                ("4 ES256 signature checks alone", signatures),
                ("whole chain (3 credentials)", chainOnly),
                ("whole chain + label credential", withLabel),
            }
        )
        {
            Console.WriteLine(
                string.Create(
                    System.Globalization.CultureInfo.InvariantCulture,
                    $"{name, -34} {m.CpuMicros, 7:N0} µs {m.P50, 7:N0} µs {m.P99, 7:N0} µs {m.Count, 8}"
                )
            );
        }
    }
}
