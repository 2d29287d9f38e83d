using BenchmarkDotNet.Attributes;

namespace GaiaX.Oid4vc.Benchmarks.Issuer;

/// <summary>
/// One access token through <c>POST /token</c> with the pre-authorized code grant: the code and its
/// transaction code checked and the code consumed in the state store (embedded sidecar in memory),
/// the access and refresh tokens stored, the offer's status moved to <c>token_issued</c>. The offers
/// are created in the iteration setup, outside the measurement.
/// </summary>
[MemoryDiagnoser]
public class TokenEndpointBenchmarks
{
    private const int RequestsPerIteration = 128;

    private IssuerBench _bench = null!;
    private readonly Queue<(string Code, string? TxCode)> _codes = new();

    [Params(false, true)]
    public bool TxCode { get; set; }

    [GlobalSetup]
    public void Setup() => _bench = IssuerBench.StartAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => _bench.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [IterationSetup]
    public void PrepareOffers()
    {
        _codes.Clear();
        for (var i = 0; i < RequestsPerIteration; i++)
        {
            _codes.Enqueue(IssuerBench.CreateOfferAsync(_bench.Host, TxCode).GetAwaiter().GetResult());
        }
    }

    [Benchmark]
    [InvocationCount(RequestsPerIteration, 1)]
    public async Task PreAuthorizedCodeGrant()
    {
        var (code, txCode) = _codes.Dequeue();
        using var response = await IssuerBench.RequestTokenAsync(_bench.Host.Client, code, txCode);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"/token answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}"
            );
        }
        await response.Content.ReadAsByteArrayAsync();
    }
}
