using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Compliance;
using GaiaX.Oid4vc.Compliance.Filters;
using GaiaX.Oid4vc.Compliance.Labels;
using GaiaX.Oid4vc.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GaiaX.Oid4vc.Benchmarks.Compliance;

/// <summary>
/// A participant presentation (LegalPerson, VAT ID from a trusted notary, issuer T&amp;C declaration)
/// signed under a CA made for the run, the DID documents served over loopback HTTP by a small
/// Kestrel app, and the Compliance service's own filter chain built from its real registrations
/// with the local registry trusting that CA.
/// </summary>
public sealed class ComplianceScenario : IAsyncDisposable
{
    private readonly List<IDisposable> _owned = [];
    private WebApplication _didHost = null!;
    private WebApplication _compliance = null!;
    private DirectoryInfo? _identityFolder;

    public string Presentation { get; private set; } = null!;

    public ComplianceFilterChain Chain { get; private set; } = null!;

    public LabelCredentialIssuer Labels { get; private set; } = null!;

    /// <summary>The four JWS of the presentation with the key each is verified with.</summary>
    public IReadOnlyList<(byte[] SigningInput, byte[] Signature, ECDsa Key)> Signatures { get; private set; } = [];

    public static async Task<ComplianceScenario> StartAsync()
    {
        var scenario = new ComplianceScenario();
        await scenario.InitializeAsync().ConfigureAwait(false);
        return scenario;
    }

    private async Task InitializeAsync()
    {
        var port = FreePort();
        var now = DateTimeOffset.UtcNow;
        var root = TestPki.CreateRoot("Benchmark Root CA", now.AddDays(-1), now.AddYears(1));
        _owned.Add(root);

        var documents = new Dictionary<string, string>(StringComparer.Ordinal);
        (string Did, string Kid, ECDsa Key) Party(string name)
        {
            var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            _owned.Add(key);
            var leaf = TestPki.CreateLeaf(root, key, name, now.AddHours(-1), now.AddMonths(6));
            _owned.Add(leaf);
            var did = $"did:web:127.0.0.1%3A{port}:{name}";
            var q = key.ExportParameters(false).Q;
            documents[$"/{name}/did.json"] = new JsonObject
            {
                ["id"] = did,
                ["verificationMethod"] = new JsonArray(
                    new JsonObject
                    {
                        ["id"] = did + "#key-1",
                        ["type"] = "JsonWebKey2020",
                        ["controller"] = did,
                        ["publicKeyJwk"] = new JsonObject
                        {
                            ["kty"] = "EC",
                            ["crv"] = "P-256",
                            ["alg"] = "ES256",
                            ["x"] = Base64Url.EncodeToString(q.X),
                            ["y"] = Base64Url.EncodeToString(q.Y),
                            ["x5c"] = new JsonArray(Convert.ToBase64String(leaf.RawData)),
                        },
                    }
                ),
            }.ToJsonString();
            return (did, did + "#key-1", key);
        }

        var participant = Party("participant");
        var notary = Party("notary");

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        _didHost = builder.Build();
        _didHost.MapGet("/{name}/did.json", (string name) =>
            documents.TryGetValue($"/{name}/did.json", out var document)
                ? Results.Text(document, "application/did+json")
                : Results.NotFound()
        );
        await _didHost.StartAsync().ConfigureAwait(false);

        var termsHash = GaiaX.Oid4vc.Compliance.Registry.DevelopmentRegistry.GaiaX2511TermsAndConditionsHashes[1];
        _identityFolder = Directory.CreateTempSubdirectory("compliance-bench-");
        _compliance = ComplianceProgram.Create([
            "--Compliance:PublicBaseUrl=http://127.0.0.1:5104",
            "--Identity:DataPath=" + Path.Combine(_identityFolder.FullName, "compliance"),
            "--Identity:DevelopmentCaPath=" + Path.Combine(_identityFolder.FullName, "dev-ca"),
            "--DidWeb:AllowHttpLoopback=true",
            "--Compliance:Registry:Local:TrustAnchorCertificates:0=" + root.ExportCertificatePem(),
            "--Compliance:Registry:Local:RegistrationNotaries:0=" + notary.Did,
            "--Compliance:Registry:Local:TermsAndConditionsHashes:0=" + termsHash,
            "--Logging:LogLevel:Default=Warning",
        ]);
        Chain = _compliance.Services.GetRequiredService<ComplianceFilterChain>();
        Labels = _compliance.Services.GetRequiredService<LabelCredentialIssuer>();

        var signatures = new List<(byte[], byte[], ECDsa)>();
        string Sign((string Did, string Kid, ECDsa Key) signer, string typ, JsonObject payload)
        {
            var header = new JsonObject
            {
                ["alg"] = "ES256",
                ["typ"] = typ,
                ["iss"] = signer.Did,
                ["kid"] = signer.Kid,
            };
            var input =
                Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header.ToJsonString()))
                + "."
                + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString()));
            var signature = signer.Key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256);
            signatures.Add((Encoding.ASCII.GetBytes(input), signature, signer.Key));
            return input + "." + Base64Url.EncodeToString(signature);
        }
        JsonObject Credential(string id, string issuer, string type, JsonObject subject) =>
            new()
            {
                ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2", "https://w3id.org/gaia-x/development#"),
                ["id"] = id,
                ["type"] = new JsonArray("VerifiableCredential", type),
                ["issuer"] = issuer,
                ["validFrom"] = now.AddDays(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
                ["validUntil"] = now.AddDays(300).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
                ["credentialSubject"] = subject,
            };
        JsonObject Address() => new() { ["type"] = "gx:Address", ["gx:countryCode"] = "BE" };

        var credentials = new[]
        {
            Sign(
                participant,
                "vc+jwt",
                Credential(
                    "https://participant.example/lp",
                    participant.Did,
                    "gx:LegalPerson",
                    new JsonObject
                    {
                        ["id"] = participant.Did + "#legal-person",
                        ["type"] = "gx:LegalPerson",
                        ["gx:registrationNumber"] = new JsonObject { ["id"] = participant.Did + "#vat" },
                        ["gx:headquartersAddress"] = Address(),
                        ["gx:legalAddress"] = Address(),
                    }
                )
            ),
            Sign(
                notary,
                "vc+jwt",
                Credential(
                    "https://notary.example/vat",
                    notary.Did,
                    "gx:VatID",
                    new JsonObject
                    {
                        ["id"] = participant.Did + "#vat",
                        ["type"] = "gx:VatID",
                        ["gx:vatID"] = "BE0762747721",
                        ["gx:countryCode"] = "BE",
                    }
                )
            ),
            Sign(
                participant,
                "vc+jwt",
                Credential(
                    "https://participant.example/issuer",
                    participant.Did,
                    "gx:Issuer",
                    new JsonObject
                    {
                        ["id"] = participant.Did,
                        ["type"] = "gx:Issuer",
                        ["gx:gaiaxTermsAndConditions"] = termsHash,
                    }
                )
            ),
        };
        Presentation = Sign(
            participant,
            "vp+jwt",
            new JsonObject
            {
                ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
                ["type"] = new JsonArray("VerifiablePresentation"),
                ["verifiableCredential"] = new JsonArray(
                    credentials
                        .Select(c =>
                            (JsonNode)new JsonObject { ["type"] = "EnvelopedVerifiableCredential", ["id"] = "data:application/vc+jwt," + c }
                        )
                        .ToArray()
                ),
                ["exp"] = now.AddDays(1).ToUnixTimeSeconds(),
            }
        );
        Signatures = signatures;

        // Warm the caches (DID documents, trust verdicts) and check the scenario is compliant.
        var assessment = await Chain.AssessAsync(ComplianceScope.Presentation, Presentation, CancellationToken.None).ConfigureAwait(false);
        if (!assessment.IsCompliant)
        {
            throw new InvalidOperationException(
                "The benchmark presentation is not compliant: "
                    + string.Join("; ", assessment.Failures.Select(f => $"[{f.Filter}] {f.Message}"))
            );
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _compliance.DisposeAsync().ConfigureAwait(false);
        await _didHost.StopAsync().ConfigureAwait(false);
        await _didHost.DisposeAsync().ConfigureAwait(false);
        foreach (var item in _owned)
        {
            item.Dispose();
        }
        _identityFolder?.Delete(recursive: true);
    }
}
