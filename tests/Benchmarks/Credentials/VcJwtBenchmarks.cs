using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.VcJwt;

namespace GaiaX.Oid4vc.Benchmarks.Credentials;

/// <summary>
/// VC-JWT issue and verify next to raw ECDSA P-256 sign and verify of the same signing input, so
/// the cost of the JOSE and VCDM layer shows as the difference (target: verify within 1.5× raw).
/// The verifier uses a resolved, cached key, as in production after the first did:web resolution.
/// </summary>
[MemoryDiagnoser]
public class VcJwtBenchmarks
{
    private const string Did = "did:web:issuer.example";
    private ECDsa _ecdsa = null!;
    private SigningKey _key = null!;
    private VcJwtIssuer _issuer = null!;
    private VcJwtVerifier _verifier = null!;
    private JsonObject _credential = null!;
    private string _jwt = null!;
    private byte[] _signingInput = null!;
    private byte[] _signature = null!;
    private VpJwtVerifier _vpVerifier = null!;
    private string _vp = null!;
    private readonly PresentationBinding _binding = new() { Nonce = "nonce-1", Audience = "did:web:verifier.example" };

    [GlobalSetup]
    public void Setup()
    {
        _ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _key = new SigningKey(_ecdsa, JwsAlgorithms.ES256, Did + "#key-1");
        _issuer = new VcJwtIssuer(TimeProvider.System);
        _verifier = new VcJwtVerifier(new StaticKeyResolver().Add(Did + "#key-1", _key.PublicKey, Did), TimeProvider.System);
        _credential = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2", "https://w3id.org/gaia-x/development#"),
            ["type"] = new JsonArray("VerifiableCredential", "gx:LegalPerson"),
            ["id"] = "https://issuer.example/credentials/1",
            ["issuer"] = Did,
            ["validFrom"] = DateTimeOffset
                .UtcNow.AddDays(-1)
                .ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ["validUntil"] = DateTimeOffset
                .UtcNow.AddDays(90)
                .ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ["credentialSubject"] = new JsonObject
            {
                ["id"] = "did:web:participant.example",
                ["gx:legalName"] = "Example Participant GmbH",
                ["gx:registrationNumber"] = new JsonObject { ["id"] = "https://notary.example/vat/DE129273398" },
                ["gx:headquartersAddress"] = new JsonObject { ["gx:countryCode"] = "DE" },
                ["gx:legalAddress"] = new JsonObject { ["gx:countryCode"] = "DE" },
            },
        };
        _jwt = _issuer.Issue(_credential, _key, Did);
        var lastDot = _jwt.LastIndexOf('.');
        _signingInput = Encoding.ASCII.GetBytes(_jwt[..lastDot]);
        _signature = _ecdsa.SignData(_signingInput, HashAlgorithmName.SHA256);
        if (!_verifier.VerifyAsync(_jwt).AsTask().GetAwaiter().GetResult().Succeeded)
        {
            throw new InvalidOperationException("The benchmark credential does not verify.");
        }
        // A participant presentation: three enveloped credentials, holder-signed (four signature checks).
        _vp = new VpJwtIssuer(TimeProvider.System).Issue([_jwt, _jwt, _jwt], _key, Did, _binding.Nonce, _binding.Audience);
        _vpVerifier = new VpJwtVerifier(new StaticKeyResolver().Add(Did + "#key-1", _key.PublicKey, Did), _verifier, TimeProvider.System);
        if (!_vpVerifier.VerifyAsync(_vp, _binding).AsTask().GetAwaiter().GetResult().Succeeded)
        {
            throw new InvalidOperationException("The benchmark presentation does not verify.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _key.Dispose();

    [Benchmark(Description = "raw ECDsa sign (same signing input)")]
    public byte[] RawEcdsaSign() => _ecdsa.SignData(_signingInput, HashAlgorithmName.SHA256);

    [Benchmark(Description = "VC-JWT issue (serialize, VCDM checks, sign)")]
    public string VcJwtIssue() => _issuer.Issue(_credential, _key, Did);

    [Benchmark(Description = "raw ECDsa verify (same signing input)")]
    public bool RawEcdsaVerify() => _ecdsa.VerifyData(_signingInput, _signature, HashAlgorithmName.SHA256);

    [Benchmark(Description = "VC-JWT verify (parse, policy, key, signature, lifetime, VCDM)")]
    public bool VcJwtVerify()
    {
        // The key resolves synchronously from the cache, so the ValueTask is already complete.
        var pending = _verifier.VerifyAsync(_jwt);
        return (pending.IsCompleted ? pending.Result : pending.AsTask().GetAwaiter().GetResult()).Succeeded;
    }

    [Benchmark(Description = "VP-JWT verify, 3 enveloped VC-JWTs (4 signatures)")]
    public bool VpJwtVerify()
    {
        var pending = _vpVerifier.VerifyAsync(_vp, _binding);
        return (pending.IsCompleted ? pending.Result : pending.AsTask().GetAwaiter().GetResult()).Succeeded;
    }
}
