using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using GaiaX.Oid4vc.Compliance.Labels;
using GaiaX.Oid4vc.Credentials.VcJwt;
using GaiaX.Oid4vc.DevHost.Onboarding;
using GaiaX.Oid4vc.Wallet;
using GaiaX.Oid4vc.Wallet.Participant;

namespace GaiaX.Oid4vc.Benchmarks.Flows;

/// <summary>
/// Compliance as a participant's portal calls it, against DevHost (its own process): once, the whole onboarding (the
/// Notary-backed registration number over OID4VCI, the self-issued LegalPerson and terms and conditions, presentation,
/// compliance, label) gives a participant (did:web served by this process) its three credentials; then each client posts
/// a fresh VP-JWT of the three to the Lab-compatible <c>POST /api/credential-offers/standard-compliance</c> and gets the
/// signed label credential. Reports DevHost CPU per label, throughput, p50/p99 and the signature floor of one assessment
/// (four ES256 verifications: the VP and its three credentials; one ES256 signature: the label), measured in the same run.
/// With <c>--two-versions</c> every other presentation carries the self-issued credentials in the versioned
/// <c>https://w3id.org/gaia-x/2511#</c> namespace, so the engine judges both ontology versions side by side. With
/// <c>--label-evidence</c> the participant also presents a service offering and its declarations of every Label Level 1
/// criterion (five credentials: the label rules judge them and grant L1; the floor then counts six verifications).
/// </summary>
public static class ComplianceFlowLoad
{
    private static readonly string[] Steps = ["label", "total"];

    /// <summary>
    /// <c>compliance-load [clients] [seconds] [--short] [--devhost PATH] [--two-versions] [--label-evidence]</c>; exit code
    /// 0 when every presentation got its label.
    /// </summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var (clients, seconds, brief, devHost) = FlowLoop.ParseArguments(args);
        await using var devHostProcess = await DevHostProcess.StartAsync(devHost, []);
        await using var didHost = await DidDocumentHost.StartAsync();
        using var participant = ParticipantIdentity.CreateDevelopment(
            didHost.BaseUrl,
            Path.Combine(devHostProcess.DataFolder, "load-participant"),
            Path.Combine(devHostProcess.DataFolder, "dev-ca"),
            TimeProvider.System
        );
        didHost.Publish(participant.DidDocumentJson);
        using var tokens = ManagementTokens.LoadOrCreate(Path.Combine(devHostProcess.DataFolder, "management"), TimeProvider.System);
        using var anchor = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(devHostProcess.DevelopmentCaCertificate));
        using var wallet = new ReferenceWallet(
            participant.HolderKey,
            participant.Did,
            new ReferenceWalletOptions { TrustAnchors = [anchor], AllowLoopback = true },
            TimeProvider.System
        );
        var onboarding = await new OnboardingScenario(
            new BackOffice(devHostProcess["issuer"], devHostProcess["verifier"], tokens, TimeProvider.System),
            participant,
            wallet,
            TimeProvider.System
        ).RunAsync(OnboardingDemo.DemoCompany, _ => { });
        if (onboarding.LabelCredential is null || onboarding.RegistrationNumberCredential is null)
        {
            throw new InvalidOperationException("The onboarding did not end with a label: " + onboarding.PresentationStatus);
        }
        string[] credentials = [onboarding.RegistrationNumberCredential, .. onboarding.SelfIssuedCredentials];
        var withEvidence = args.Contains("--label-evidence");
        if (withEvidence)
        {
            credentials = [.. credentials, .. LevelOneEvidence(participant)];
        }
        string[] versioned = args.Contains("--two-versions")
            ? [credentials[0], .. credentials.Skip(1).Select(c => In2511(participant, c))]
            : credentials;
        var sent = 0L;
        var presentations = new VpJwtIssuer(TimeProvider.System);
        var endpoint = new Uri(devHostProcess["compliance"], "/api/credential-offers/standard-compliance");
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { Timeout = TimeSpan.FromSeconds(30) };

        async Task Once(Dictionary<string, List<double>> timings)
        {
            var total = Stopwatch.GetTimestamp();
            var step = total;
            // A fresh presentation each time, as each portal call would send (its own nonce and iat).
            var vp = presentations.Issue(
                Interlocked.Increment(ref sent) % 2 == 0 ? versioned : credentials,
                participant.HolderKey.SigningKey,
                participant.Did,
                nonce: Guid.NewGuid().ToString("N")
            );
            var content = new StringContent(vp, Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/vp+jwt");
            using var response = await http.PostAsync(endpoint, content);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.Created || body.Count(c => c == '.') != 2 || withEvidence && !IsLevelOne(body))
            {
                throw new InvalidOperationException($"standard-compliance answered {(int)response.StatusCode}: {body}");
            }
            FlowLoop.Lap(timings, "label", ref step);
            timings["total"].Add(Stopwatch.GetElapsedTime(total).TotalMilliseconds);
        }

        var code = await FlowLoop.MeasureAsync(
            devHostProcess,
            (clients, seconds, brief),
            Steps,
            Once,
            withEvidence
                ? (
                    "compliance of a provider VP (five VC-JWTs: offering and L1 declarations) to an L1 label",
                    "label",
                    "6 ES256 verify + 1 sign"
                )
                : ("compliance of a participant VP (three VC-JWTs) to a label", "label", "4 ES256 verify + 1 sign"),
            () => MeasureFloor(withEvidence ? 6 : 4)
        );
        // The exchange alone: the same presentation posted as text/plain is refused (415) before it is read.
        var vp = presentations.Issue(credentials, participant.HolderKey.SigningKey, participant.Did, nonce: "floor");
        var requests = brief ? 200 : 3000;
        var cpu = devHostProcess.Cpu;
        for (var i = 0; i < requests; i++)
        {
            using var refused = await http.PostAsync(endpoint, new StringContent(vp, Encoding.UTF8, "text/plain"));
            if (refused.StatusCode != HttpStatusCode.UnsupportedMediaType)
            {
                throw new InvalidOperationException($"text/plain answered {(int)refused.StatusCode}");
            }
        }
        Console.WriteLine(
            $"  exchange floor: server cpu per the same POST refused at once (415, {vp.Length / 1024} KB body)="
                + $"{(devHostProcess.Cpu - cpu).TotalMilliseconds / requests:F2}ms"
        );
        return code;
    }

    /// <summary>A service offering of the participant and its declarations of every criterion Label Level 1 needs.</summary>
    private static string[] LevelOneEvidence(ParticipantIdentity participant)
    {
        var gaiax = new GaiaXCredentials(participant, new VcJwtIssuer(TimeProvider.System), TimeProvider.System);
        var criteria = ComplianceCriteria.Find("24.11")!;
        string[] Declared(CriterionSubject about) =>
            criteria
                .At(LabelLevel.L1)
                .Where(c => c.About == about && c.Levels[LabelLevel.L1] != EvidenceKind.Technical)
                .Select(c => c.Id)
                .ToArray();
        var offering = gaiax.ServiceOffering("cloud", new Uri("https://participant.example/terms"), new string('a', 64));
        var offeringId = gaiax.ServiceOfferingId("cloud");
        var aboutProvider = Declared(CriterionSubject.Provider);
        return
        [
            gaiax.Sign(offering),
            gaiax.Sign(gaiax.ComplianceCriteria(offeringId, Declared(CriterionSubject.ServiceOffering))),
            .. aboutProvider.Length == 0 ? Array.Empty<string>() : [gaiax.Sign(gaiax.ComplianceCriteria(participant.Did, aboutProvider))],
        ];
    }

    private static bool IsLevelOne(string label)
    {
        var payload = System.Text.Json.JsonDocument.Parse(Convert.FromBase64String(Base64(label.Split('.')[1])));
        return payload.RootElement.GetProperty("credentialSubject").GetProperty("gx:labelLevel").GetString() == "L1";
    }

    /// <summary>The participant's self-issued credential re-signed with the versioned 2511 Gaia-X context.</summary>
    private static string In2511(ParticipantIdentity participant, string jwt)
    {
        var payload = System.Text.Json.Nodes.JsonNode.Parse(Convert.FromBase64String(Base64(jwt.Split('.')[1])))!.AsObject();
        foreach (var claim in new[] { "iss", "iat", "nbf", "exp" })
        {
            payload.Remove(claim);
        }
        var contexts = payload["@context"]!.AsArray();
        for (var i = 0; i < contexts.Count; i++)
        {
            if (contexts[i] is System.Text.Json.Nodes.JsonValue value && value.GetValue<string>() == "https://w3id.org/gaia-x/development#")
            {
                contexts[i] = "https://w3id.org/gaia-x/2511#";
            }
        }
        return new GaiaXCredentials(participant, new VcJwtIssuer(TimeProvider.System), TimeProvider.System).Sign(payload);
    }

    private static string Base64(string base64Url)
    {
        var text = base64Url.Replace('-', '+').Replace('_', '/');
        return text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
    }

    /// <summary>ES256 verifications (the VP and its credentials) and one signature on one thread, best of 10 × 500, in µs.</summary>
    private static double MeasureFloor(int verifications)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var data = RandomNumberGenerator.GetBytes(1500);
        var signature = key.SignData(data, HashAlgorithmName.SHA256);
        return FlowLoop.BestOf(() =>
        {
            key.SignData(data, HashAlgorithmName.SHA256);
            for (var v = 0; v < verifications; v++)
            {
                key.VerifyData(data, signature, HashAlgorithmName.SHA256);
            }
        });
    }
}
