using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.Status;
using GaiaX.Oid4vc.Credentials.VcJwt;

namespace GaiaX.Oid4vc.Benchmarks.Credentials;

/// <summary>
/// Status lists (issue 22 targets): encoding and signing a 131,072-entry list (≤ 5 ms), checking a credential against
/// a cached list (≤ 5 µs), and a VC-JWT signed with and without its two status entries (≤ 10% more), beside the
/// ES256 signature floor of the same run.
/// </summary>
[MemoryDiagnoser]
public class StatusListBenchmarks
{
    private const string Did = "did:web:issuer.example";
    private static readonly Uri ListUrl = new("https://issuer.example/status-lists/1");
    private ECDsa _ecdsa = null!;
    private SigningKey _key = null!;
    private BitstringStatusList _bitstring = null!;
    private TokenStatusList _tokens = null!;
    private StatusListClient _client = null!;
    private IReadOnlyList<StatusListReference> _references = null!;
    private JsonElement _credential;
    private JsonElement _credentialWithStatus;
    private VcJwtIssuer _issuer = null!;
    private byte[] _floorInput = null!;

    [GlobalSetup]
    public void Setup()
    {
        _ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _key = new SigningKey(_ecdsa, JwsAlgorithms.ES256, Did + "#key-1");
        _issuer = new VcJwtIssuer(TimeProvider.System);
        _bitstring = new BitstringStatusList();
        _tokens = new TokenStatusList(BitstringStatusList.MinimumEntries, bits: 2);
        // A realistic list: one credential in a hundred revoked, spread over the list.
        for (var i = 0; i < BitstringStatusList.MinimumEntries; i += 97)
        {
            _bitstring[i] = true;
            _tokens[i] = TokenStatusList.Invalid;
        }
        var now = DateTimeOffset.UtcNow;
        var token = StatusListCredentials.SignTokenStatusList(ListUrl, _tokens, _key, Did, now, now.AddDays(1), TimeSpan.FromHours(1));
        var http = new HttpClient(new FixedAnswer(token));
        _client = new StatusListClient(
            http,
            new StaticKeyResolver().Add(Did + "#key-1", _key.PublicKey, Did),
            TimeProvider.System,
            new StatusListClientOptions()
        );
        _references = [new StatusListReference(ListUrl, 4242, null)];
        _client.CheckAsync(Did, _references).GetAwaiter().GetResult(); // the list is now cached

        var credential = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2", "https://w3id.org/gaia-x/development#"),
            ["type"] = new JsonArray("VerifiableCredential", "gx:LegalPerson"),
            ["id"] = "urn:uuid:5b0d8f6e-8b2a-4c55-9b0e-6f1d3f0c2a11",
            ["issuer"] = Did,
            ["validFrom"] = "2026-12-01T00:00:00Z",
            ["validUntil"] = "2027-12-01T00:00:00Z",
            ["credentialSubject"] = new JsonObject
            {
                ["id"] = "did:web:participant.example",
                ["gx:legalName"] = "Example Participant GmbH",
                ["gx:headquartersAddress"] = new JsonObject { ["gx:countryCode"] = "DE" },
                ["gx:legalAddress"] = new JsonObject { ["gx:countryCode"] = "DE" },
            },
        };
        _credential = JsonSerializer.SerializeToElement(credential);
        credential["credentialStatus"] = StatusListCredentials.BitstringEntries(
            new Uri(ListUrl + "/revocation"),
            new Uri(ListUrl + "/suspension"),
            94567
        );
        _credentialWithStatus = JsonSerializer.SerializeToElement(credential);
        _floorInput = new byte[600];
        RandomNumberGenerator.Fill(_floorInput);
    }

    [GlobalCleanup]
    public void Cleanup() => _key.Dispose();

    /// <summary>The floor of one signed artefact: one ES256 signature.</summary>
    [Benchmark(Baseline = true)]
    public byte[] Es256Signature() => _ecdsa.SignData(_floorInput, HashAlgorithmName.SHA256);

    [Benchmark]
    public string SignBitstringStatusList131072() =>
        StatusListCredentials.SignBitstringStatusList(
            new Uri(ListUrl + "/revocation"),
            StatusPurposes.Revocation,
            _bitstring,
            _key,
            Did,
            DateTimeOffset.UtcNow,
            DateTimeOffset.UtcNow.AddDays(1),
            TimeSpan.FromMinutes(5),
            TimeProvider.System
        );

    [Benchmark]
    public string SignTokenStatusList131072() =>
        StatusListCredentials.SignTokenStatusList(
            ListUrl,
            _tokens,
            _key,
            Did,
            DateTimeOffset.UtcNow,
            DateTimeOffset.UtcNow.AddDays(1),
            TimeSpan.FromMinutes(5)
        );

    [Benchmark]
    public CredentialStatusResult CheckAgainstCachedList() => _client.CheckAsync(Did, _references).GetAwaiter().GetResult();

    [Benchmark]
    public string IssueVcJwtWithoutStatus() => _issuer.Issue(_credential, _key, Did);

    [Benchmark]
    public string IssueVcJwtWithStatus() => _issuer.Issue(_credentialWithStatus, _key, Did);

    private sealed class FixedAnswer(string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body) });
    }
}
