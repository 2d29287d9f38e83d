using System.Diagnostics;
using System.Globalization;
using GaiaX.Oid4vc.Rdf.GaiaX;
using GaiaX.Oid4vc.Testing;

namespace GaiaX.Oid4vc.Benchmarks.Rdf;

/// <summary>
/// Cold start to compiled shapes, as a new Compliance pod meets it: a fresh process per run that reads the official
/// Gaia-X 25.11 <c>gx.shacl.ttl</c> and <c>gx.owl.ttl</c> and compiles them. Reports, per run, the time from the child's
/// process start to compiled shapes (runtime start-up included) and the load-and-compile part alone.
/// <c>shapes-cold [runs]</c>.
/// </summary>
public static class ShapesColdStart
{
    public static async Task<int> RunAsync(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var folder = Path.Combine(RepositoryPaths.SharedData, "gaiax-25.11");
        var fromStart = new List<double>();
        var compile = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
            // Environment.ProcessPath is dotnet (or the apphost); run this assembly's child mode either way.
            if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
            {
                start.ArgumentList.Add(typeof(ShapesColdStart).Assembly.Location);
            }
            start.ArgumentList.Add("shapes-cold-child");
            start.ArgumentList.Add(folder);
            using var child = Process.Start(start)!;
            var line = (await child.StandardOutput.ReadToEndAsync()).Trim();
            await child.WaitForExitAsync();
            var parts = line.Split(' ');
            fromStart.Add(double.Parse(parts[0], CultureInfo.InvariantCulture));
            compile.Add(double.Parse(parts[1], CultureInfo.InvariantCulture));
        }
        fromStart.Sort();
        compile.Sort();
        Console.WriteLine(
            $"official 25.11 shapes, cold start to compiled shapes ({runs} new processes): median {fromStart[runs / 2]:F0} ms "
                + $"(best {fromStart[0]:F0}, worst {fromStart[^1]:F0}); load and compile alone: median {compile[runs / 2]:F0} ms "
                + $"(best {compile[0]:F0})"
        );
        return 0;
    }

    /// <summary>The child: compiles the shapes once and prints ms since its process start and ms of the compile.</summary>
    public static int RunChild(string folder)
    {
        var clock = Stopwatch.StartNew();
        var shapes = GaiaXShapes.LoadOfficial(folder);
        var compile = clock.Elapsed.TotalMilliseconds;
        var sinceStart = (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds;
        GC.KeepAlive(shapes);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{sinceStart:F1} {compile:F1}"));
        return 0;
    }
}
