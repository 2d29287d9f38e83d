using BenchmarkDotNet.Attributes;
using GaiaX.Oid4vc.Dapr;
using GaiaX.Oid4vc.Notary;
using GaiaX.Oid4vc.RegistrySandbox;
using GaiaX.Oid4vc.Testing;

namespace GaiaX.Oid4vc.Benchmarks.Notary;

/// <summary>
/// <c>GET /registration-numbers/lei-code/{lei}</c> over loopback HTTP once the registry's
/// confirmation is cached in the state store (embedded sidecar, in memory): syntax, cache read over
/// gRPC, credential, ES256 signature. The cost of a repeated request.
/// </summary>
[MemoryDiagnoser]
public class NotaryCachedRequestBenchmarks
{
    private RegistrySandboxServer _registries = null!;
    private DaprTestEnvironment _dapr = null!;
    private TestServiceHost _notary = null!;
    private string _path = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _registries = RegistrySandboxServer.Start();
        _dapr = DaprTestEnvironment.InMemory();
        _notary = await _dapr.StartServiceAsync(
            AppIds.Notary,
            (a, c) => NotaryProgram.Create(a, c),
            "Notary",
            [.. _registries.NotaryArguments, "--Logging:LogLevel:Default=Error"]
        );
        _path = $"/registration-numbers/lei-code/{DemoCompanies.ExampleCloud.Lei}?subjectId=did:web:participant.example";
        using var warm = await _notary.Client.GetAsync(_path);
        warm.EnsureSuccessStatusCode();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _dapr.DisposeAsync();
        _registries.Dispose();
    }

    [Benchmark]
    public async Task<int> CachedLeiCredential()
    {
        using var response = await _notary.Client.GetAsync(_path);
        return (int)response.StatusCode;
    }
}
