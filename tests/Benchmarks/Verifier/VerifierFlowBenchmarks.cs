using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Dapr;
using GaiaX.Oid4vc.Testing;
using GaiaX.Oid4vc.Verifier;
using Verifier.Tests.Support;

namespace GaiaX.Oid4vc.Benchmarks.Verifier;

/// <summary>
/// One whole presentation through the Verifier over loopback HTTP with the embedded Dapr sidecar:
/// the relying party creates the request, the wallet fetches the signed request object, presents
/// and posts the response; the Verifier verifies everything (VP-JWT + did:web issuer with chain to
/// the anchor, SD-JWT VC + KB-JWT, DCQL) and publishes <c>presentation-verified</c>. The wallet's
/// own signing (one or two ES256 signatures) is included.
/// </summary>
[MemoryDiagnoser]
public class VerifierFlowBenchmarks
{
    private readonly ECDsa _managementKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _holder = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private string _directory = null!;
    private DaprTestEnvironment _dapr = null!;
    private TestPki _pki = null!;
    private TestIssuer _issuer = null!;
    private TestServiceHost _verifier = null!;
    private string _token = null!;
    private string _legalPerson = null!;
    private SdJwtCredential _employee = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _directory = Directory.CreateTempSubdirectory("verifier-bench-").FullName;
        _pki = new TestPki();
        _issuer = await TestIssuer.StartAsync(_pki);
        var jwk = Jose.PublicJwk(_managementKey);
        jwk["kid"] = "management";
        jwk["alg"] = "ES256";
        _dapr = DaprTestEnvironment.InMemory();
        _verifier = await _dapr.StartServiceAsync(
            AppIds.Verifier,
            (a, c) => VerifierProgram.Create(a, c),
            VerifierOptions.SectionName,
            [
                $"--Verifier:Management:SigningKeysJwks={new JsonObject { ["keys"] = new JsonArray(jwk) }.ToJsonString()}",
                $"--Trust:AnchorCertificates:0={_pki.WriteAnchor(_directory)}",
                $"--Identity:DataPath={Path.Combine(_directory, "identity")}",
                $"--Identity:DevelopmentCaPath={Path.Combine(_directory, "dev-ca")}",
            ]
        );
        _token = Jose.SignEs256(
            new JsonObject { ["typ"] = "at+jwt", ["kid"] = "management" },
            new JsonObject
            {
                ["sub"] = "bench",
                ["aud"] = "gaiax-verifier",
                ["scope"] = "verifier.requests.write",
                ["iat"] = Jose.Now(),
                ["exp"] = Jose.Now() + 86_400,
            },
            _managementKey
        );
        _legalPerson = _issuer.IssueVcJwt(
            "LegalPerson",
            new JsonObject { ["legalName"] = "Example Corp", ["countryCode"] = "BE" },
            holderJwk: Jose.PublicJwk(_holder)
        );
        _employee = _issuer.IssueSdJwt(
            "https://credentials.example.com/employee",
            new JsonObject
            {
                ["given_name"] = "Ada",
                ["family_name"] = "Lovelace",
                ["email"] = "ada@example.org",
            },
            Jose.PublicJwk(_holder)
        );
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _dapr.DisposeAsync();
        await _issuer.DisposeAsync();
        _pki.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark]
    public Task<string> OneVcJwtOverDirectPost() => RunAsync(responseMode: "direct_post", withSdJwt: false);

    [Benchmark]
    public Task<string> VcJwtAndSdJwtOverDirectPostJwt() => RunAsync(responseMode: "direct_post.jwt", withSdJwt: true);

    private async Task<string> RunAsync(string responseMode, bool withSdJwt)
    {
        var credentials = new JsonArray(
            new JsonObject
            {
                ["id"] = "legal_person",
                ["format"] = "jwt_vc_json",
                ["meta"] = new JsonObject { ["type_values"] = new JsonArray(new JsonArray("LegalPerson")) },
                ["claims"] = new JsonArray(new JsonObject { ["path"] = new JsonArray("credentialSubject", "legalName") }),
            }
        );
        if (withSdJwt)
        {
            credentials.Add(
                new JsonObject
                {
                    ["id"] = "employee",
                    ["format"] = "dc+sd-jwt",
                    ["meta"] = new JsonObject { ["vct_values"] = new JsonArray("https://credentials.example.com/employee") },
                    ["claims"] = new JsonArray(new JsonObject { ["path"] = new JsonArray("given_name") }),
                }
            );
        }
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/presentation-requests")
        {
            Content = JsonContent.Create(
                new JsonObject
                {
                    ["dcql_query"] = new JsonObject { ["credentials"] = credentials },
                    ["response_mode"] = responseMode,
                }
            ),
        };
        create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        using var created = await _verifier.Client.SendAsync(create);
        var requestUri = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["request_uri"]!;

        var jwt = await _verifier.Client.GetStringAsync(new Uri(requestUri));
        var request = Jose.DecodePart(jwt, 1);
        var clientId = (string)request["client_id"]!;
        var nonce = (string)request["nonce"]!;

        var did = Jose.DidJwk(_holder);
        var vp = Jose.SignEs256(
            new JsonObject { ["typ"] = "vp+jwt", ["kid"] = did + "#0" },
            new JsonObject
            {
                ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
                ["type"] = new JsonArray("VerifiablePresentation"),
                ["holder"] = did,
                ["verifiableCredential"] = new JsonArray(
                    new JsonObject
                    {
                        ["@context"] = "https://www.w3.org/ns/credentials/v2",
                        ["id"] = "data:application/vc+jwt," + _legalPerson,
                        ["type"] = "EnvelopedVerifiableCredential",
                    }
                ),
                ["iss"] = did,
                ["aud"] = clientId,
                ["nonce"] = nonce,
                ["iat"] = Jose.Now(),
            },
            _holder
        );
        var vpToken = new JsonObject { ["legal_person"] = new JsonArray(vp) };
        if (withSdJwt)
        {
            var sdJwt = _employee.Disclose("given_name");
            var kb = Jose.SignEs256(
                new JsonObject { ["typ"] = "kb+jwt" },
                new JsonObject
                {
                    ["aud"] = clientId,
                    ["nonce"] = nonce,
                    ["iat"] = Jose.Now(),
                    ["sd_hash"] = Jose.B64(SHA256.HashData(Encoding.ASCII.GetBytes(sdJwt))),
                },
                _holder
            );
            vpToken["employee"] = new JsonArray(sdJwt + kb);
        }

        var form = new Dictionary<string, string>();
        if (responseMode == "direct_post.jwt")
        {
            var key = request["client_metadata"]!["jwks"]!["keys"]![0]!.AsObject();
            form["response"] = Encrypt(
                new JsonObject { ["vp_token"] = vpToken, ["state"] = (string)request["state"]! }.ToJsonString(),
                key
            );
        }
        else
        {
            form["vp_token"] = vpToken.ToJsonString();
            form["state"] = (string)request["state"]!;
        }
        using var response = await _verifier.Client.PostAsync(new Uri((string)request["response_uri"]!), new FormUrlEncodedContent(form));
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? body : throw new InvalidOperationException(body);
    }

    private static string Encrypt(string plaintext, JsonObject jwk)
    {
        using var recipient = ECDiffieHellman.Create(
            new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint
                {
                    X = System.Buffers.Text.Base64Url.DecodeFromChars((string)jwk["x"]!),
                    Y = System.Buffers.Text.Base64Url.DecodeFromChars((string)jwk["y"]!),
                },
            }
        );
        using var ephemeral = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var cek = EcdhEsJwe.ConcatKdf(ephemeral.DeriveRawSecretAgreement(recipient.PublicKey), "A128GCM", [], [], 128);
        var epk = ephemeral.ExportParameters(false);
        var header = Jose.B64(
            new JsonObject
            {
                ["alg"] = "ECDH-ES",
                ["enc"] = "A128GCM",
                ["kid"] = (string)jwk["kid"]!,
                ["epk"] = new JsonObject
                {
                    ["kty"] = "EC",
                    ["crv"] = "P-256",
                    ["x"] = Jose.B64(epk.Q.X!),
                    ["y"] = Jose.B64(epk.Q.Y!),
                },
            }.ToJsonString()
        );
        var iv = RandomNumberGenerator.GetBytes(12);
        var data = Encoding.UTF8.GetBytes(plaintext);
        var ciphertext = new byte[data.Length];
        var tag = new byte[16];
        using var aes = new AesGcm(cek, 16);
        aes.Encrypt(iv, data, ciphertext, tag, Encoding.ASCII.GetBytes(header));
        return $"{header}..{Jose.B64(iv)}.{Jose.B64(ciphertext)}.{Jose.B64(tag)}";
    }
}
