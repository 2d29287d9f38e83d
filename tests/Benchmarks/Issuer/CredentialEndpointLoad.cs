using System.Diagnostics;
using System.Globalization;

namespace GaiaX.Oid4vc.Benchmarks.Issuer;

/// <summary>
/// A closed-loop load on <c>POST /credential</c>: C clients each send the next prepared request as
/// soon as the previous answer arrived, for a fixed time. Reports requests per second, p50/p99
/// latency, and process CPU per issued credential (server, in-process sidecar and HTTP client
/// together; proofs and nonces are made before the clock starts). <see cref="CredentialEndpointSplitLoad"/>
/// measures the three apart.
/// </summary>
public static class CredentialEndpointLoad
{
    public static async Task RunAsync(string[] args)
    {
        var clients = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 4;
        var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        await using var bench = await IssuerBench.StartAsync();

        // Warm up (tiered JIT settles), then prepare enough requests for the whole run.
        for (var i = 0; i < 3000; i++)
        {
            await bench.IssueAsync(bench.Host.Client, await bench.NewRequestBodyAsync());
        }
        var pool = new System.Collections.Concurrent.ConcurrentQueue<byte[]>();
        var budget = 4000 * seconds;
        for (var i = 0; i < budget; i++)
        {
            pool.Enqueue(await bench.NewRequestBodyAsync());
        }
        GC.Collect();
        // Let the background tier-1 JIT drain its queue, so the measurement sees the steady state.
        await Task.Delay(TimeSpan.FromSeconds(5));
        Console.WriteLine($"prepared {pool.Count} requests; load phase starts (pid {Environment.ProcessId})");

        var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var deadline = TimeSpan.FromSeconds(seconds);
        var workers = Enumerable
            .Range(0, clients)
            .Select(_ =>
                Task.Run(async () =>
                {
                    while (clock.Elapsed < deadline && pool.TryDequeue(out var body))
                    {
                        var started = Stopwatch.GetTimestamp();
                        await bench.IssueAsync(bench.Host.Client, body);
                        latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    }
                })
            )
            .ToArray();
        await Task.WhenAll(workers);
        var elapsed = clock.Elapsed;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;

        var sorted = latencies.OrderBy(l => l).ToArray();
        double Percentile(double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        Console.WriteLine(
            string.Create(
                CultureInfo.InvariantCulture,
                $"issuer /credential closed loop: clients={clients} duration={elapsed.TotalSeconds:F1}s credentials={sorted.Length} "
                    + $"rps={sorted.Length / elapsed.TotalSeconds:F0} p50={Percentile(0.50):F2}ms p99={Percentile(0.99):F2}ms "
                    + $"cpu/credential={cpu.TotalMicroseconds / sorted.Length:F0}us (process: server + in-process sidecar + client)"
            )
        );
    }
}
