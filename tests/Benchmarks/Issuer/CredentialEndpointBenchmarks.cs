using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;

namespace GaiaX.Oid4vc.Benchmarks.Issuer;

/// <summary>
/// One issued, holder-bound <c>jwt_vc_json</c> credential through <c>POST /credential</c>, next to
/// the cryptographic floor measured in the same run: one ES256 proof verification plus one ES256
/// signature. The requests (fresh nonce, signed proof) are made in the iteration setup, outside
/// the measurement.
/// </summary>
[MemoryDiagnoser]
public class CredentialEndpointBenchmarks
{
    private const int RequestsPerIteration = 256;

    private IssuerBench _bench = null!;
    private readonly Queue<byte[]> _requests = new();
    private readonly ECDsa _floorKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private byte[] _floorInput = null!;
    private byte[] _floorSignature = null!;

    [GlobalSetup]
    public void Setup()
    {
        _bench = IssuerBench.StartAsync().GetAwaiter().GetResult();
        _floorInput = Encoding.ASCII.GetBytes(_bench.Proof("floor-nonce-0123456789abcdefghijklmnopqrstuv"));
        _floorSignature = _floorKey.SignData(_floorInput, HashAlgorithmName.SHA256);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _bench.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _floorKey.Dispose();
    }

    [IterationSetup(Target = nameof(CredentialEndpoint))]
    public void PrepareRequests()
    {
        _requests.Clear();
        for (var i = 0; i < RequestsPerIteration; i++)
        {
            _requests.Enqueue(_bench.NewRequestBodyAsync().GetAwaiter().GetResult());
        }
    }

    /// <summary>The floor: what the cryptography of one holder-bound credential costs at least.</summary>
    [Benchmark(Baseline = true)]
    public bool Es256VerifyPlusSign()
    {
        var valid = _floorKey.VerifyData(_floorInput, _floorSignature, HashAlgorithmName.SHA256);
        var signature = _floorKey.SignData(_floorInput, HashAlgorithmName.SHA256);
        return valid && signature.Length == 64;
    }

    [Benchmark]
    [InvocationCount(RequestsPerIteration, 1)]
    public Task CredentialEndpoint() => _bench.IssueAsync(_bench.Host.Client, _requests.Dequeue());
}
