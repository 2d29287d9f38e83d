using System.Diagnostics;
using GaiaX.Oid4vc.DevHost.Rehearsal;
using GaiaX.Oid4vc.Testing;

namespace GaiaX.Oid4vc.Benchmarks.Flows;

/// <summary>
/// The production rehearsal (<c>DevHost rehearse</c>) as a load target: each service and its sidecar in processes of
/// their own with the overlays' settings, one Redis (redis-server on a free port) as state store and broker. The CPU
/// figure is every one of those processes together; the memory figure is the Issuer process's.
/// </summary>
public sealed class RehearsalTarget : IFlowTarget
{
    private readonly RedisTestServer _redis;
    private readonly ClusterRehearsal _rehearsal;

    private RehearsalTarget(RedisTestServer redis, ClusterRehearsal rehearsal) => (_redis, _rehearsal) = (redis, rehearsal);

    public string Description => "the production rehearsal (five services, five sidecars and Redis, each a process)";

    public Uri this[string service] => _rehearsal[service].BaseUrl;

    public string Token(string service) => service == "issuer" ? _rehearsal.IssuerToken() : _rehearsal.VerifierToken();

    public TimeSpan Cpu =>
        _rehearsal
            .Services.SelectMany(s => new[] { s.Service.ProcessId, s.Sidecar.ProcessId })
            .Append(_redis.ProcessId)
            .Aggregate(TimeSpan.Zero, (sum, pid) => sum + CpuOf(pid));

    public long IssuerResidentBytes
    {
        get
        {
            using var process = Process.GetProcessById(_rehearsal["issuer"].Service.ProcessId!.Value);
            return process.WorkingSet64;
        }
    }

    /// <param name="settings">Configuration for the Issuer (<c>Section:Key</c> names, given as environment variables).</param>
    public static async Task<RehearsalTarget> StartAsync(IEnumerable<KeyValuePair<string, string>> settings)
    {
        var redis = await RedisTestServer.StartAsync();
        try
        {
            var issuer = settings.ToDictionary(pair => pair.Key.Replace(":", "__", StringComparison.Ordinal), pair => pair.Value);
            var rehearsal = await ClusterRehearsal.StartAsync(
                redis.ConnectionString,
                Directory.CreateTempSubdirectory("rehearsal-load-").FullName,
                _ => { },
                extraSettings: new Dictionary<string, IReadOnlyDictionary<string, string>> { ["issuer"] = issuer }
            );
            return new RehearsalTarget(redis, rehearsal);
        }
        catch
        {
            await redis.DisposeAsync();
            throw;
        }
    }

    private static TimeSpan CpuOf(int? pid)
    {
        if (pid is null)
        {
            return TimeSpan.Zero;
        }
        try
        {
            using var process = Process.GetProcessById(pid.Value);
            return process.TotalProcessorTime;
        }
        catch (ArgumentException)
        {
            return TimeSpan.Zero;
        }
    }

    public async ValueTask DisposeAsync()
    {
        var folder = _rehearsal.WorkFolder;
        await _rehearsal.DisposeAsync();
        await _redis.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }
}
