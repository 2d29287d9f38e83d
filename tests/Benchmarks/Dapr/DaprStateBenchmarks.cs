using BenchmarkDotNet.Attributes;
using GaiaX.Oid4vc.Dapr;
using GaiaX.Oid4vc.Dapr.Events;
using GaiaX.Oid4vc.Dapr.State;
using GaiaX.Oid4vc.Testing;

namespace GaiaX.Oid4vc.Benchmarks.Dapr;

/// <summary>
/// One round trip per operation through the real DaprClient (gRPC over loopback) to the embedded
/// sidecar, on each back end: the cost a service pays per state call in DevHost and tests.
/// </summary>
[MemoryDiagnoser]
public class DaprStateBenchmarks
{
    private RedisTestServer? _redis;
    private DaprTestEnvironment _dapr = null!;
    private IDaprStateStore _state = null!;
    private IEventBus _bus = null!;
    private long _counter;

    [Params("InMemory", "Redis")]
    public string BackEnd { get; set; } = "InMemory";

    public sealed record Artefact(string Code, string ClientId, long IssuedAt);

    [GlobalSetup]
    public async Task SetupAsync()
    {
        if (BackEnd == "Redis")
        {
            _redis = await RedisTestServer.StartAsync();
            _dapr = await DaprTestEnvironment.RedisAsync(_redis.ConnectionString);
        }
        else
        {
            _dapr = DaprTestEnvironment.InMemory();
        }
        _state = await _dapr.StateAsync(AppIds.Issuer);
        _bus = new DaprEventBus(await _dapr.ClientAsync(AppIds.Issuer), TimeProvider.System);
        await _state.SaveAsync("hot", new Artefact("c", "client", 1));
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _dapr.DisposeAsync();
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    [Benchmark]
    public Task<Artefact?> GetState() => _state.GetAsync<Artefact>("hot");

    [Benchmark]
    public Task SaveStateWithTtl() => _state.SaveAsync("hot", new Artefact("c", "client", ++_counter), TimeSpan.FromMinutes(5));

    /// <summary>A single-use artefact's life: created with TTL, then consumed once (get + delete with ETag).</summary>
    [Benchmark]
    public async Task<Artefact?> CreateThenConsumeOnce()
    {
        var key = "code-" + Interlocked.Increment(ref _counter);
        await _state.SaveAsync(key, new Artefact(key, "client", _counter), TimeSpan.FromMinutes(5));
        return await _state.ConsumeOnceAsync<Artefact>(key);
    }

    [Benchmark]
    public Task PublishEvent() => _bus.PublishAsync(new OfferCreated("request", "offer", "openid-credential-offer://"));
}
