using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace GaiaX.Oid4vc.Benchmarks.Flows;

/// <summary>Closed-loop clients running one whole flow after another, each step timed, and the report of a window.</summary>
public static class FlowLoop
{
    /// <summary>
    /// Tiered compilation with dynamic PGO needs this long to settle: after 5 s the same issuance run measured 13-17 ms
    /// per issuance, after 40 s 6.8 ms.
    /// </summary>
    public const int WarmUpSeconds = 30;

    /// <summary>The numbers and flags of a load command line: <c>[clients] [seconds] [--short] [--devhost PATH]</c>.</summary>
    public static (int Clients, int Seconds, bool Brief, string? DevHost) ParseArguments(string[] args)
    {
        var numbers = args.Where(
                (a, i) =>
                    !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || args[i - 1] is not ("--devhost" or "--set" or "--settle"))
            )
            .Select(a => int.Parse(a, CultureInfo.InvariantCulture))
            .ToArray();
        var brief = args.Contains("--short");
        var devHostIndex = Array.IndexOf(args, "--devhost");
        return (
            numbers.Length > 0 ? numbers[0] : 1,
            numbers.Length > 1 ? numbers[1]
            : brief ? 2
            : 15,
            brief,
            devHostIndex >= 0 && devHostIndex + 1 < args.Length ? args[devHostIndex + 1] : null
        );
    }

    /// <summary>
    /// Runs <paramref name="clients"/> loops of <paramref name="once"/> for <paramref name="duration"/>; the step timings
    /// of every flow that completed go to <paramref name="timings"/> (when it has the step).
    /// </summary>
    public static async Task<(int Done, int Failed)> RunAsync(
        int clients,
        TimeSpan duration,
        IReadOnlyList<string> steps,
        Dictionary<string, List<double>> timings,
        Func<Dictionary<string, List<double>>, Task> once
    )
    {
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var done = 0;
        var failed = 0;
        var gate = new object();
        await Task.WhenAll(
            Enumerable
                .Range(0, clients)
                .Select(_ =>
                    Task.Run(async () =>
                    {
                        var local = steps.ToDictionary(s => s, _ => new List<double>());
                        while (Stopwatch.GetTimestamp() < until)
                        {
                            try
                            {
                                await once(local);
                                Interlocked.Increment(ref done);
                            }
                            catch (Exception exception)
                                when (exception is HttpRequestException or InvalidOperationException or JsonException
                                    || exception.GetType().Name == "WalletProtocolException"
                                )
                            {
                                if (Interlocked.Increment(ref failed) <= 3)
                                {
                                    Console.Error.WriteLine("flow failed: " + exception.Message);
                                }
                            }
                        }
                        lock (gate)
                        {
                            foreach (var (step, values) in local)
                            {
                                if (timings.TryGetValue(step, out var all))
                                {
                                    all.AddRange(values);
                                }
                            }
                        }
                    })
                )
        );
        return (done, failed);
    }

    /// <summary>Records the time since <paramref name="since"/> as step <paramref name="name"/> and restarts the lap.</summary>
    public static void Lap(Dictionary<string, List<double>> timings, string name, ref long since)
    {
        ArgumentNullException.ThrowIfNull(timings);
        var now = Stopwatch.GetTimestamp();
        timings[name].Add(Stopwatch.GetElapsedTime(since, now).TotalMilliseconds);
        since = now;
    }

    /// <summary>Prints p50 and p99 of every step.</summary>
    public static void PrintSteps(IReadOnlyList<string> steps, Dictionary<string, List<double>> timings)
    {
        foreach (var step in steps)
        {
            var values = timings[step];
            values.Sort();
            Console.WriteLine($"  {step, -16} p50={Percentile(values, 0.5):F2}ms p99={Percentile(values, 0.99):F2}ms");
        }
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    /// <summary>
    /// The measurement every mode makes: the floor, a warm-up, the measured window with the target's CPU read around it,
    /// the floor again (the lower kept), then one report line (<c>{unit}s=… failed=… | server cpu/{unit}=…</c>, plus
    /// <paramref name="extra"/>) and the steps. Exit code 0 when every flow completed.
    /// </summary>
    public static async Task<int> MeasureAsync(
        IFlowTarget target,
        (int Clients, int Seconds, bool Brief) load,
        IReadOnlyList<string> steps,
        Func<Dictionary<string, List<double>>, Task> once,
        (string Flow, string Unit, string Floor) names,
        Func<double> floor,
        Func<string>? extra = null
    )
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(floor);
        var floorBefore = floor();
        // Warm-up (JIT and dynamic PGO, connection pools, caches), then the measured window.
        await RunAsync(load.Clients, TimeSpan.FromSeconds(load.Brief ? 1 : WarmUpSeconds), steps, [], once);
        var timings = steps.ToDictionary(s => s, _ => new List<double>());
        var before = extra?.Invoke();
        var cpuBefore = target.Cpu;
        var clock = Stopwatch.StartNew();
        var (done, failed) = await RunAsync(load.Clients, TimeSpan.FromSeconds(load.Seconds), steps, timings, once);
        var elapsed = clock.Elapsed;
        var cpu = (target.Cpu - cpuBefore).TotalMilliseconds / Math.Max(done, 1);
        var best = Math.Min(floorBefore, floor());
        Console.WriteLine(
            $"{names.Flow} against {target.Description}: clients={load.Clients} duration={elapsed.TotalSeconds:F1}s "
                + $"{names.Unit}s={done} failed={failed} {names.Unit}s/s={done / elapsed.TotalSeconds:F1} | "
                + $"server cpu/{names.Unit}={cpu:F2}ms | floor ({names.Floor}, CPU)={best:F0}us, "
                + $"server/floor={(best > 0 ? cpu * 1000 / best : 0):F1}x"
                + (extra is null ? "" : $" | {before} -> {extra()}")
        );
        PrintSteps(steps, timings);
        return failed == 0 && done > 0 ? 0 : 1;
    }

    /// <summary>The best time of <paramref name="once"/> on one thread (10 rounds of 500), in microseconds.</summary>
    public static double BestOf(Action once)
    {
        ArgumentNullException.ThrowIfNull(once);
        var best = double.MaxValue;
        for (var round = 0; round < 10; round++)
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < 500; i++)
            {
                once();
            }
            best = Math.Min(best, clock.Elapsed.TotalMicroseconds / 500);
        }
        return best;
    }

    /// <summary>Sends <paramref name="request"/> (disposed) and returns the JSON answer, which must have <paramref name="expected"/>.</summary>
    public static async Task<System.Text.Json.Nodes.JsonObject> SendAsync(
        HttpClient http,
        HttpRequestMessage request,
        System.Net.HttpStatusCode expected
    )
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(request);
        using (request)
        {
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != expected)
            {
                throw new InvalidOperationException($"{request.Method} {request.RequestUri}: {(int)response.StatusCode} {text}");
            }
            return System.Text.Json.Nodes.JsonNode.Parse(text)!.AsObject();
        }
    }
}
