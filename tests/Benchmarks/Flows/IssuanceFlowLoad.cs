using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
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
    /// <c>flow-load [clients] [seconds] [--short] [--devhost PATH] [--rehearsal] [--set Key=Value]… [--settle SECONDS]</c> (default: DevHost's Release build in
    /// this checkout; <c>--rehearsal</c>: the production rehearsal's processes with Redis, see <see cref="RehearsalTarget"/>);
    /// exit code 0 when every issuance succeeded.
    /// </summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var (clients, seconds, brief, devHost) = FlowLoop.ParseArguments(args);
        // One configuration with ten claims (a deployment that configures any replaces the shipped ones).
        const string Configuration = "Issuer:CredentialConfigurations:LegalPerson_dc_sd_jwt:";
        var configuration = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Configuration + "Format"] = "dc+sd-jwt",
            [Configuration + "Scope"] = "gx.LegalPerson.sd",
            [Configuration + "Preparation"] = "IssuerSigned",
            [Configuration + "Vct"] = "https://w3id.org/gaia-x/development#LegalPerson",
        };
        for (var i = 0; i < Claims.Length; i++)
        {
            configuration[$"{Configuration}Claims:{i}:Path:0"] = Claims[i];
        }
        // --set Section:Key=value: more Issuer settings (e.g. Issuer:AccessTokenLifetimeSeconds=60 to watch expiry).
        for (var i = 0; i + 1 < args.Length; i++)
        {
            if (args[i] == "--set" && args[i + 1].Split('=', 2) is [var key, var value])
            {
                configuration[key] = value;
            }
        }
        var settleIndex = Array.IndexOf(args, "--settle");
        var settle = settleIndex >= 0 ? int.Parse(args[settleIndex + 1], System.Globalization.CultureInfo.InvariantCulture) : 0;
        await using IFlowTarget target = args.Contains("--rehearsal")
            ? await RehearsalTarget.StartAsync(configuration)
            : await DevHostProcess.StartAsync(devHost, configuration);
        var issuer = target["issuer"];
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 })
        {
            BaseAddress = issuer,
            Timeout = TimeSpan.FromSeconds(30),
        };
        var token = target.Token("issuer");
        var code = await FlowLoop.MeasureAsync(
            target,
            (clients, seconds, brief),
            Steps,
            t => IssueOnceAsync(http, token, t),
            ("full issuance (dc+sd-jwt, tx_code)", "issuance", "ES256 sign+verify"),
            () => Issuer.CredentialEndpointSplitLoad.MeasureFloor(issuer.AbsoluteUri).Strict,
            () => $"issuer rss {target.IssuerResidentBytes / 1048576.0:F0} MB"
        );
        await ReportExchangeFloorAsync(target, http, brief ? 200 : 3000);
        if (settle > 0)
        {
            // No load: what the Issuer gives back once the flows' state has expired (see --set).
            await Task.Delay(TimeSpan.FromSeconds(settle));
            Console.WriteLine($"  issuer rss after {settle} s without load: {target.IssuerResidentBytes / 1048576.0:F0} MB");
        }
        return code;
    }

    /// <summary>
    /// What the exchanges an issuance is made of cost the server, whatever they do: an empty request (<c>/healthz</c>) and
    /// a request with one state read (an unknown credential offer, 404), one after the other on one connection.
    /// </summary>
    private static async Task ReportExchangeFloorAsync(IFlowTarget target, HttpClient http, int requests)
    {
        async Task<double> CpuPerRequestAsync(Func<int, string> path, HttpStatusCode expected)
        {
            for (var i = 0; i < requests / 10; i++)
            {
                using var warm = await http.GetAsync(path(i));
            }
            var before = target.Cpu;
            for (var i = 0; i < requests; i++)
            {
                using var response = await http.GetAsync(path(i));
                if (response.StatusCode != expected)
                {
                    throw new InvalidOperationException($"GET {path(i)}: {(int)response.StatusCode}");
                }
            }
            return (target.Cpu - before).TotalMilliseconds / requests;
        }
        var empty = await CpuPerRequestAsync(_ => "/healthz", HttpStatusCode.OK);
        var read = await CpuPerRequestAsync(i => $"/credential-offer/{Guid.NewGuid():N}", HttpStatusCode.NotFound);
        // The flow: 6 requests and 8 state calls (Issuer.Tests SidecarRoundTripTests counts them).
        Console.WriteLine(
            $"  exchange floor: server cpu per empty request={empty:F2}ms, per request with one state read={read:F2}ms "
                + $"(6 requests + 8 state calls = {6 * empty + 8 * (read - empty):F2}ms)"
        );
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
        var offer = await FlowLoop.SendAsync(http, create, HttpStatusCode.Created);
        var txCode = offer["tx_code"]!.GetValue<string>();
        var code = offer["credential_offer"]!["grants"]!["urn:ietf:params:oauth:grant-type:pre-authorized_code"]![
            "pre-authorized_code"
        ]!.GetValue<string>();
        FlowLoop.Lap(timings, "offer", ref step);

        var metadata = await FlowLoop.SendAsync(
            http,
            new HttpRequestMessage(HttpMethod.Get, "/.well-known/openid-credential-issuer"),
            HttpStatusCode.OK
        );
        var credentialIssuer = metadata["credential_issuer"]!.GetValue<string>();
        await FlowLoop.SendAsync(
            http,
            new HttpRequestMessage(HttpMethod.Get, "/.well-known/oauth-authorization-server"),
            HttpStatusCode.OK
        );
        FlowLoop.Lap(timings, "metadata", ref step);

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
        var accessToken = (await FlowLoop.SendAsync(http, tokenRequest, HttpStatusCode.OK))["access_token"]!.GetValue<string>();
        FlowLoop.Lap(timings, "token", ref step);

        var nonce = (await FlowLoop.SendAsync(http, new HttpRequestMessage(HttpMethod.Post, "/nonce"), HttpStatusCode.OK))[
            "c_nonce"
        ]!.GetValue<string>();
        FlowLoop.Lap(timings, "nonce", ref step);

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
        var credential = await FlowLoop.SendAsync(http, credentialRequest, HttpStatusCode.OK);
        if (
            credential["credentials"]?[0]?["credential"]?.GetValue<string>() is not { } issued
            || !issued.Contains('~', StringComparison.Ordinal)
        )
        {
            throw new InvalidOperationException("The credential response holds no SD-JWT VC.");
        }
        FlowLoop.Lap(timings, "credential", ref step);
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
}
