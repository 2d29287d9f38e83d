using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Wallet;

namespace GaiaX.Oid4vc.Benchmarks.Flows;

/// <summary>
/// Whole presentations as relying parties and wallets run them against DevHost (its own process): the relying party
/// creates a request by the management API (DCQL for a LegalPerson VC-JWT, signed request object by reference,
/// <c>direct_post.jwt</c>), the reference wallet fetches and verifies the request object, answers with one VP-JWT
/// enveloping the VC-JWT it received from DevHost's Issuer before the run (encrypted to the Verifier), and the relying
/// party reads the request's status until it is <c>verified</c>. Reports DevHost CPU per presentation, throughput,
/// p50/p99 per step and the floor of the Verifier's cryptography, measured in the same run.
/// </summary>
public static class PresentationFlowLoad
{
    private static readonly string[] Steps = ["request", "request object", "response", "status", "total"];

    private const string RequestBody = """
        {
          "dcql_query": {
            "credentials": [
              {
                "id": "legal_person",
                "format": "jwt_vc_json",
                "meta": { "type_values": [["https://w3id.org/gaia-x/development#LegalPerson"]] },
                "claims": [{ "path": ["credentialSubject", "gx:legalName"] }]
              }
            ]
          },
          "response_mode": "direct_post.jwt"
        }
        """;

    /// <summary><c>presentation-load [clients] [seconds] [--short] [--devhost PATH]</c>; exit code 0 when every presentation was verified.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var (clients, seconds, brief, devHost) = FlowLoop.ParseArguments(args);
        await using var devHostProcess = await DevHostProcess.StartAsync(devHost, []);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { Timeout = TimeSpan.FromSeconds(30) };
        using var anchor = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(devHostProcess.DevelopmentCaCertificate));
        // One wallet per client: each holds its own LegalPerson credential, received over OID4VCI before the run.
        var wallets = new List<ReferenceWallet>();
        try
        {
            for (var i = 0; i < clients; i++)
            {
                wallets.Add(await NewWalletWithCredentialAsync(http, devHostProcess, anchor));
            }
            var verifier = devHostProcess["verifier"];
            var token = devHostProcess.Token("verifier");
            var next = -1;
            return await FlowLoop.MeasureAsync(
                devHostProcess,
                (clients, seconds, brief),
                Steps,
                timings => PresentOnceAsync(http, verifier, token, wallets[Interlocked.Increment(ref next) % wallets.Count], timings),
                ("full presentation (VP-JWT of one VC-JWT, direct_post.jwt)", "presentation", "ES256 sign + 2 verify + ECDH-ES"),
                MeasureFloor
            );
        }
        finally
        {
            foreach (var wallet in wallets)
            {
                wallet.Dispose();
            }
        }
    }

    private static async Task<ReferenceWallet> NewWalletWithCredentialAsync(
        HttpClient http,
        DevHostProcess devHost,
        X509Certificate2 anchor
    )
    {
        var holder = HolderKey.FromECDsaAsDidJwk(ECDsa.Create(ECCurve.NamedCurves.nistP256));
        var wallet = new ReferenceWallet(
            holder,
            holder.SigningKey.KeyId!.Split('#')[0],
            new ReferenceWalletOptions { TrustAnchors = [anchor], AllowLoopback = true },
            TimeProvider.System
        );
        var body = new JsonObject
        {
            ["credential_configuration_ids"] = new JsonArray("LegalPerson_jwt_vc_json"),
            ["claims"] = new JsonObject
            {
                ["LegalPerson_jwt_vc_json"] = new JsonObject
                {
                    ["gx:legalName"] = "Example Cloud GmbH",
                    ["gx:headquartersAddress"] = new JsonObject { ["gx:countryCode"] = "DE" },
                    ["gx:legalAddress"] = new JsonObject { ["gx:countryCode"] = "DE" },
                },
            },
        };
        using var create = new HttpRequestMessage(HttpMethod.Post, new Uri(devHost["issuer"], "/api/offers"))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", devHost.Token("issuer"));
        var offer = await FlowLoop.SendAsync(http, create, HttpStatusCode.Created);
        await wallet.ReceiveAsync(offer["offer_uri"]!.GetValue<string>(), offer["tx_code"]?.GetValue<string>());
        return wallet;
    }

    /// <summary>One whole presentation, as a relying party and a wallet do it, each step timed.</summary>
    private static async Task PresentOnceAsync(
        HttpClient http,
        Uri verifier,
        string token,
        ReferenceWallet wallet,
        Dictionary<string, List<double>> timings
    )
    {
        var total = Stopwatch.GetTimestamp();
        var step = total;
        using var create = new HttpRequestMessage(HttpMethod.Post, new Uri(verifier, "/api/presentation-requests"))
        {
            Content = new StringContent(RequestBody, Encoding.UTF8, "application/json"),
        };
        create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var created = await FlowLoop.SendAsync(http, create, HttpStatusCode.Created);
        FlowLoop.Lap(timings, "request", ref step);

        var request = await wallet.Presentation.FetchRequestAsync(created["authorization_request_uri"]!.GetValue<string>());
        FlowLoop.Lap(timings, "request object", ref step);

        var vpToken = wallet.Presentation.BuildVpToken(request, wallet.Credentials)
            ?? throw new InvalidOperationException("The wallet's credential does not answer the request.");
        await wallet.Presentation.SendAsync(request, vpToken);
        FlowLoop.Lap(timings, "response", ref step);

        var statusUri = new Uri(created["status_uri"]!.GetValue<string>());
        for (var attempt = 0; ; attempt++)
        {
            using var read = new HttpRequestMessage(HttpMethod.Get, statusUri);
            read.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var status = (await FlowLoop.SendAsync(http, read, HttpStatusCode.OK))["status"]!.GetValue<string>();
            if (status == "verified")
            {
                break;
            }
            if (status is not ("pending" or "retrieved" or "processing") || attempt >= 200)
            {
                throw new InvalidOperationException($"The presentation ended {status}, not verified.");
            }
            await Task.Delay(5);
        }
        FlowLoop.Lap(timings, "status", ref step);
        timings["total"].Add(Stopwatch.GetElapsedTime(total).TotalMilliseconds);
    }

    /// <summary>
    /// The Verifier's cryptography per presentation, on one thread: one ES256 signature (the request object), two ES256
    /// verifications (the VP-JWT and the VC-JWT) and one ECDH-ES key agreement (decrypting the response). Best of 10 ×
    /// 500, in microseconds.
    /// </summary>
    private static double MeasureFloor()
    {
        using var signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var ephemeral = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        using var recipient = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        using var ephemeralPublic = ephemeral.PublicKey;
        var data = RandomNumberGenerator.GetBytes(600);
        var signature = signer.SignData(data, HashAlgorithmName.SHA256);
        return FlowLoop.BestOf(() =>
        {
            signer.SignData(data, HashAlgorithmName.SHA256);
            signer.VerifyData(data, signature, HashAlgorithmName.SHA256);
            signer.VerifyData(data, signature, HashAlgorithmName.SHA256);
            recipient.DeriveRawSecretAgreement(ephemeralPublic);
        });
    }
}
