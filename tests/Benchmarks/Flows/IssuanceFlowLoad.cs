using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GaiaX.Oid4vc.Benchmarks.Flows;

/// <summary>
/// Whole pre-authorized issuances as users run them: DevHost (Release) started as its own process, driven over HTTP
/// from this process by a plain client (HttpClient, .NET's ECDsa, no project code on the client side), one fresh holder
/// key per issuance. Per issuance: offer by the management API (with <c>tx_code</c>), issuer and AS metadata,
/// <c>/token</c>, <c>/nonce</c>, <c>/credential</c> for a holder-bound <c>dc+sd-jwt</c>. Reports DevHost CPU per
/// issuance, throughput, p50/p99 per step and for the whole flow, and the ES256 floor measured in the same run.
/// </summary>
public static class IssuanceFlowLoad
{
    // Tiered compilation with dynamic PGO needs this long to settle: after 5 s the same run measured 13-17 ms per
    // issuance, after 40 s 6.8 ms.
    private const int WarmUpSeconds = 30;

    private static readonly string[] Claims =
    [
        "legal_name",
        "headquarters_country",
        "legal_address_country",
        "registration_number",
        "lei_code",
        "street_address",
        "postal_code",
        "locality",
        "website",
        "email",
    ];

    private static readonly string[] Steps = ["offer", "metadata", "token", "nonce", "credential", "total"];

    /// <summary>
    /// <c>flow-load [clients] [seconds] [--short] [--devhost PATH]</c> (default: DevHost's Release build in this checkout);
    /// exit code 0 when every issuance succeeded.
    /// </summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var numbers = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || args[i - 1] != "--devhost"))
            .Select(a => int.Parse(a, CultureInfo.InvariantCulture))
            .ToArray();
        var brief = args.Contains("--short");
        var clients = numbers.Length > 0 ? numbers[0] : 1;
        var seconds =
            numbers.Length > 1 ? numbers[1]
            : brief ? 2
            : 15;
        var devHostIndex = Array.IndexOf(args, "--devhost");
        var devHost = devHostIndex >= 0 && devHostIndex + 1 < args.Length ? args[devHostIndex + 1] : FindDevHost();
        var data = Directory.CreateTempSubdirectory("flow-load-");
        // Port 0: DevHost binds any free port and prints its URL (a port picked here could be taken before DevHost binds it).
        var issuerUrl = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                devHost,
                "--issuer-port",
                "0",
                "--verifier-port",
                "0",
                "--notary-port",
                "0",
                "--compliance-port",
                "0",
                "--data",
                data.FullName,
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // One configuration with ten claims (a deployment that configures any replaces the shipped ones).
        const string Configuration = "--Issuer:CredentialConfigurations:LegalPerson_dc_sd_jwt:";
        start.ArgumentList.Add(Configuration + "Format=dc+sd-jwt");
        start.ArgumentList.Add(Configuration + "Scope=gx.LegalPerson.sd");
        start.ArgumentList.Add(Configuration + "Preparation=IssuerSigned");
        start.ArgumentList.Add(Configuration + "Vct=https://w3id.org/gaia-x/development#LegalPerson");
        for (var i = 0; i < Claims.Length; i++)
        {
            start.ArgumentList.Add($"{Configuration}Claims:{i}:Path:0={Claims[i]}");
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("DevHost did not start.");
        process.OutputDataReceived += (_, e) =>
        {
            var fields = e.Data?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields is { Length: >= 2 } && fields[0].Equals("issuer", StringComparison.OrdinalIgnoreCase))
            {
                issuerUrl.TrySetResult(new Uri(fields[1]));
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
                Console.Error.WriteLine("devhost: " + e.Data);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var issuer = await issuerUrl.Task.WaitAsync(TimeSpan.FromSeconds(90));
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 })
            {
                BaseAddress = issuer,
                Timeout = TimeSpan.FromSeconds(30),
            };
            await WaitReadyAsync(http, Path.Combine(data.FullName, "tokens.json"), process);
            var token = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(data.FullName, "tokens.json")))!["issuer"]![
                "token"
            ]!.GetValue<string>();
            var floorBefore = Issuer.CredentialEndpointSplitLoad.MeasureFloor(issuer.AbsoluteUri).Strict;

            // Warm-up (JIT, connection pools, the first status-list block), then the measured window.
            await RunClientsAsync(http, token, clients, TimeSpan.FromSeconds(brief ? 1 : WarmUpSeconds), []);
            var timings = Steps.ToDictionary(s => s, _ => new List<double>());
            var cpuBefore = Cpu(process);
            var clock = Stopwatch.StartNew();
            var (done, failed) = await RunClientsAsync(http, token, clients, TimeSpan.FromSeconds(seconds), timings);
            var elapsed = clock.Elapsed;
            var cpu = Cpu(process) - cpuBefore;
            var floor = Math.Min(floorBefore, Issuer.CredentialEndpointSplitLoad.MeasureFloor(issuer.AbsoluteUri).Strict);

            var perIssuance = done == 0 ? 0 : cpu.TotalMilliseconds / done;
            Console.WriteLine(
                $"full issuance (dc+sd-jwt, tx_code) against DevHost: clients={clients} duration={elapsed.TotalSeconds:F1}s issuances={done} failed={failed} "
                    + $"issuances/s={done / elapsed.TotalSeconds:F1} | devhost cpu/issuance={perIssuance:F2}ms | "
                    + $"floor (ES256 sign+verify, CPU)={floor:F0}us, devhost/floor={(floor > 0 ? perIssuance * 1000 / floor : 0):F1}x"
            );
            foreach (var step in Steps)
            {
                var values = timings[step];
                values.Sort();
                Console.WriteLine($"  {step, -10} p50={Percentile(values, 0.5):F2}ms p99={Percentile(values, 0.99):F2}ms");
            }
            return failed == 0 && done > 0 ? 0 : 1;
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            data.Delete(recursive: true);
        }
    }

    private static async Task<(int Done, int Failed)> RunClientsAsync(
        HttpClient http,
        string token,
        int clients,
        TimeSpan duration,
        Dictionary<string, List<double>> timings
    )
    {
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var done = 0;
        var failed = 0;
        var gate = new object();
        await Task.WhenAll(
            Enumerable
                .Range(0, clients)
                .Select(_ =>
                    Task.Run(async () =>
                    {
                        var local = Steps.ToDictionary(s => s, _ => new List<double>());
                        while (Stopwatch.GetTimestamp() < until)
                        {
                            try
                            {
                                await IssueOnceAsync(http, token, local);
                                Interlocked.Increment(ref done);
                            }
                            catch (Exception exception)
                                when (exception is HttpRequestException or InvalidOperationException or JsonException)
                            {
                                if (Interlocked.Increment(ref failed) <= 3)
                                {
                                    Console.Error.WriteLine("issuance failed: " + exception.Message);
                                }
                            }
                        }
                        lock (gate)
                        {
                            foreach (var (step, values) in local)
                            {
                                if (timings.TryGetValue(step, out var all))
                                {
                                    all.AddRange(values);
                                }
                            }
                        }
                    })
                )
        );
        return (done, failed);
    }

    /// <summary>One whole issuance, as a back office and a wallet do it, each step timed.</summary>
    private static async Task IssueOnceAsync(HttpClient http, string managementToken, Dictionary<string, List<double>> timings)
    {
        var total = Stopwatch.GetTimestamp();
        var step = Stopwatch.GetTimestamp();
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/offers")
        {
            Content = new StringContent(OfferBody, Encoding.UTF8, "application/json"),
        };
        create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", managementToken);
        var offer = await SendAsync(http, create, HttpStatusCode.Created);
        var txCode = offer["tx_code"]!.GetValue<string>();
        var code = offer["credential_offer"]!["grants"]!["urn:ietf:params:oauth:grant-type:pre-authorized_code"]![
            "pre-authorized_code"
        ]!.GetValue<string>();
        Lap(timings, "offer", ref step);

        var metadata = await SendAsync(
            http,
            new HttpRequestMessage(HttpMethod.Get, "/.well-known/openid-credential-issuer"),
            HttpStatusCode.OK
        );
        var credentialIssuer = metadata["credential_issuer"]!.GetValue<string>();
        await SendAsync(http, new HttpRequestMessage(HttpMethod.Get, "/.well-known/oauth-authorization-server"), HttpStatusCode.OK);
        Lap(timings, "metadata", ref step);

        using var tokenRequest = new HttpRequestMessage(HttpMethod.Post, "/token")
        {
            Content = new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["grant_type"] = "urn:ietf:params:oauth:grant-type:pre-authorized_code",
                    ["pre-authorized_code"] = code,
                    ["tx_code"] = txCode,
                }
            ),
        };
        var accessToken = (await SendAsync(http, tokenRequest, HttpStatusCode.OK))["access_token"]!.GetValue<string>();
        Lap(timings, "token", ref step);

        var nonce = (await SendAsync(http, new HttpRequestMessage(HttpMethod.Post, "/nonce"), HttpStatusCode.OK))[
            "c_nonce"
        ]!.GetValue<string>();
        Lap(timings, "nonce", ref step);

        using var holder = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var body = new JsonObject
        {
            ["credential_configuration_id"] = "LegalPerson_dc_sd_jwt",
            ["proofs"] = new JsonObject { ["jwt"] = new JsonArray(Issuer.IssuerBench.Proof(credentialIssuer, nonce, holder)) },
        };
        using var credentialRequest = new HttpRequestMessage(HttpMethod.Post, "/credential")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        credentialRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        var credential = await SendAsync(http, credentialRequest, HttpStatusCode.OK);
        if (
            credential["credentials"]?[0]?["credential"]?.GetValue<string>() is not { } issued
            || !issued.Contains('~', StringComparison.Ordinal)
        )
        {
            throw new InvalidOperationException("The credential response holds no SD-JWT VC.");
        }
        Lap(timings, "credential", ref step);
        timings["total"].Add(Stopwatch.GetElapsedTime(total).TotalMilliseconds);
    }

    // Ten claims, every one selectively disclosable.
    private static readonly string OfferBody = new JsonObject
    {
        ["credential_configuration_ids"] = new JsonArray("LegalPerson_dc_sd_jwt"),
        ["claims"] = new JsonObject
        {
            ["LegalPerson_dc_sd_jwt"] = new JsonObject
            {
                ["legal_name"] = "Example Cloud GmbH",
                ["headquarters_country"] = "DE",
                ["legal_address_country"] = "DE",
                ["registration_number"] = "DE812345673",
                ["lei_code"] = "529900T8BM49AURSDO55",
                ["street_address"] = "Musterstrasse 1",
                ["postal_code"] = "10115",
                ["locality"] = "Berlin",
                ["website"] = "https://example.com",
                ["email"] = "office@example.com",
            },
        },
        ["tx_code"] = new JsonObject { ["input_mode"] = "numeric", ["length"] = 6 },
    }.ToJsonString();

    private static async Task<JsonObject> SendAsync(HttpClient http, HttpRequestMessage request, HttpStatusCode expected)
    {
        using (request)
        {
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != expected)
            {
                throw new InvalidOperationException($"{request.Method} {request.RequestUri}: {(int)response.StatusCode} {text}");
            }
            return JsonNode.Parse(text)!.AsObject();
        }
    }

    private static void Lap(Dictionary<string, List<double>> timings, string name, ref long since)
    {
        var now = Stopwatch.GetTimestamp();
        timings[name].Add(Stopwatch.GetElapsedTime(since, now).TotalMilliseconds);
        since = now;
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static TimeSpan Cpu(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    private static async Task WaitReadyAsync(HttpClient http, string tokens, Process devHost)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (devHost.HasExited)
            {
                throw new InvalidOperationException($"DevHost exited with {devHost.ExitCode} before it was ready.");
            }
            try
            {
                using var ready = await http.GetAsync("/readyz");
                if (ready.IsSuccessStatusCode && File.Exists(tokens))
                {
                    return;
                }
            }
            catch (HttpRequestException) { }
            await Task.Delay(200);
        }
        throw new InvalidOperationException("DevHost was not ready within 90 s.");
    }

    /// <summary>DevHost's Release build beside this checkout (built by <c>dotnet build -c Release services/DevHost</c>).</summary>
    private static string FindDevHost()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "services", "DevHost", "bin", "Release", "net10.0", "GaiaX.Oid4vc.DevHost.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException("DevHost's Release build was not found: run dotnet build -c Release services/DevHost first.");
    }
}
