using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using GaiaX.Oid4vc.Credentials;
using GaiaX.Oid4vc.Verifier.Dcql;
using GaiaX.Oid4vc.Verifier.Requests;
using GaiaX.Oid4vc.Verifier.Responses;

namespace GaiaX.Oid4vc.Benchmarks.Verifier;

/// <summary>
/// The Verifier's own work per response besides signature checks: reading the relying party's DCQL
/// query, decrypting a <c>direct_post.jwt</c> response (ECDH-ES P-256 + AES-GCM) and evaluating
/// the presented credentials against the query.
/// </summary>
[MemoryDiagnoser]
public class VerifierDcqlBenchmarks
{
    private const string Query = """
        {"credentials":[
          {"id":"legal_person","format":"jwt_vc_json","meta":{"type_values":[["LegalPerson"]]},
           "claims":[{"path":["credentialSubject","legalName"]},{"path":["credentialSubject","countryCode"],"values":["BE","DE","FR"]}]},
          {"id":"employee","format":"dc+sd-jwt","meta":{"vct_values":["https://credentials.example.com/employee"]},
           "claims":[{"id":"g","path":["given_name"]},{"id":"f","path":["family_name"]},{"id":"e","path":["email"]}],
           "claim_sets":[["g","f"],["e"]]}],
         "credential_sets":[{"options":[["legal_person","employee"]]}]}
        """;

    private readonly DcqlQueryParser _parser = new();
    private readonly DcqlEvaluator _evaluator = new();
    private JsonDocument _queryJson = null!;
    private DcqlQuery _query = null!;
    private Dictionary<string, IReadOnlyList<PresentedCredential>> _presented = null!;
    private EphemeralEncryptionKey _key = null!;
    private string _jwe = null!;

    [GlobalSetup]
    public void Setup()
    {
        _queryJson = JsonDocument.Parse(Query);
        _query = _parser.Parse(_queryJson.RootElement).Query!;
        _presented = new()
        {
            ["legal_person"] =
            [
                new PresentedCredential
                {
                    Format = CredentialFormats.JwtVcJson,
                    Types = ["VerifiableCredential", "LegalPerson"],
                    HolderBound = true,
                    Claims = JsonDocument.Parse("""{"credentialSubject":{"legalName":"Example Corp","countryCode":"BE"}}""").RootElement,
                },
            ],
            ["employee"] =
            [
                new PresentedCredential
                {
                    Format = CredentialFormats.SdJwtVc,
                    Vct = "https://credentials.example.com/employee",
                    HolderBound = true,
                    Claims = JsonDocument.Parse("""{"given_name":"Ada","family_name":"Lovelace"}""").RootElement,
                },
            ],
        };
        _key = RequestObjectGenerator.NewEncryptionKey();
        _jwe = Encrypt(
            new JsonObject
            {
                ["vp_token"] = new JsonObject { ["a"] = new JsonArray(new string('x', 4000)) },
                ["state"] = "s",
            }.ToJsonString(),
            _key
        );
    }

    [Benchmark]
    public bool ParseQuery() => _parser.Parse(_queryJson.RootElement).IsValid;

    [Benchmark]
    public bool EvaluateResponse() => _evaluator.Evaluate(_query, _presented).IsSatisfied;

    [Benchmark]
    public int DecryptDirectPostJwt() => EcdhEsJweDecryptor.Decrypt(_jwe, _key).Plaintext!.Length;

    private static string Encrypt(string plaintext, EphemeralEncryptionKey key)
    {
        using var recipient = System.Security.Cryptography.ECDiffieHellman.Create(
            new System.Security.Cryptography.ECParameters
            {
                Curve = System.Security.Cryptography.ECCurve.NamedCurves.nistP256,
                Q = new System.Security.Cryptography.ECPoint
                {
                    X = System.Buffers.Text.Base64Url.DecodeFromChars(key.X),
                    Y = System.Buffers.Text.Base64Url.DecodeFromChars(key.Y),
                },
            }
        );
        using var ephemeral = System.Security.Cryptography.ECDiffieHellman.Create(
            System.Security.Cryptography.ECCurve.NamedCurves.nistP256
        );
        var cek = GaiaX.Oid4vc.Credentials.Jose.EcdhEsJwe.ConcatKdf(
            ephemeral.DeriveRawSecretAgreement(recipient.PublicKey),
            "A128GCM",
            [],
            [],
            128
        );
        var epk = ephemeral.ExportParameters(false);
        var header = new JsonObject
        {
            ["alg"] = "ECDH-ES",
            ["enc"] = "A128GCM",
            ["kid"] = key.Kid,
            ["epk"] = new JsonObject
            {
                ["kty"] = "EC",
                ["crv"] = "P-256",
                ["x"] = System.Buffers.Text.Base64Url.EncodeToString(epk.Q.X),
                ["y"] = System.Buffers.Text.Base64Url.EncodeToString(epk.Q.Y),
            },
        };
        var protectedHeader = System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header.ToJsonString()));
        var iv = System.Security.Cryptography.RandomNumberGenerator.GetBytes(12);
        var data = Encoding.UTF8.GetBytes(plaintext);
        var ciphertext = new byte[data.Length];
        var tag = new byte[16];
        using var aes = new System.Security.Cryptography.AesGcm(cek, 16);
        aes.Encrypt(iv, data, ciphertext, tag, Encoding.ASCII.GetBytes(protectedHeader));
        return string.Join(
            '.',
            protectedHeader,
            "",
            System.Buffers.Text.Base64Url.EncodeToString(iv),
            System.Buffers.Text.Base64Url.EncodeToString(ciphertext),
            System.Buffers.Text.Base64Url.EncodeToString(tag)
        );
    }
}
