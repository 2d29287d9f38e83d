using System.Buffers.Text;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Dapr;
using GaiaX.Oid4vc.Issuer;
using GaiaX.Oid4vc.ServiceDefaults;
using GaiaX.Oid4vc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GaiaX.Oid4vc.Benchmarks.Issuer;

/// <summary>
/// The Issuer in process (Kestrel, real HTTP) on the embedded Dapr sidecar in memory, a redeemed
/// access token, and ready-made credential requests (nonce fetched, proof signed) so that the
/// measured part is the server's work on <c>/credential</c> plus the client's HTTP send.
/// </summary>
public sealed class IssuerBench : IAsyncDisposable
{
    private readonly DaprTestEnvironment _dapr;
    private readonly ECDsa _holder = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    private IssuerBench(DaprTestEnvironment dapr, TestServiceHost host)
    {
        _dapr = dapr;
        Host = host;
    }

    public TestServiceHost Host { get; }

    public string AccessToken { get; private set; } = string.Empty;

    public string IssuerId => Host.BaseUrl.ToString().TrimEnd('/');

    /// <summary>The Issuer's settings for a load run: long-lived token and nonces, logging at Error.</summary>
    public static readonly string[] ServerArgs =
    [
        "--Issuer:Management:UseDevelopmentTokens=true",
        "--Issuer:AccessTokenLifetimeSeconds=86400",
        "--Issuer:NonceLifetimeSeconds=3600",
        "--Logging:LogLevel:Default=Error",
        // As deployed (k8s/base): the metrics are collected for /metrics, so their cost is in the figure
        // (BENCH_PROMETHEUS=false measures without them, to see what they cost).
        $"--Telemetry:PrometheusEndpoint={Environment.GetEnvironmentVariable("BENCH_PROMETHEUS") != "false"}",
        // As deployed, every credential gets a status entry (BENCH_CREDENTIAL_STATUS=false measures without it).
        $"--Issuer:CredentialStatus={Environment.GetEnvironmentVariable("BENCH_CREDENTIAL_STATUS") != "false"}",
    ];

    public static async Task<IssuerBench> StartAsync()
    {
        var dapr = DaprTestEnvironment.InMemory();
        var host = await dapr.StartServiceAsync(
            AppIds.Issuer,
            (args, configure) => IssuerProgram.Create(args, configure),
            IssuerOptions.SectionName,
            ServerArgs
        );
        var bench = new IssuerBench(dapr, host);
        bench.AccessToken = await RedeemOfferAsync(host);
        return bench;
    }

    /// <summary>Creates a <c>LegalPerson_jwt_vc_json</c> offer and redeems its pre-authorized code: the access token.</summary>
    public static async Task<string> RedeemOfferAsync(TestServiceHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var (code, _) = await CreateOfferAsync(host, txCode: false);
        using var tokenResponse = await RequestTokenAsync(host.Client, code, null);
        return JsonNode.Parse(await tokenResponse.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
    }

    /// <summary>Creates a <c>LegalPerson_jwt_vc_json</c> offer through the management API: its pre-authorized code and transaction
    /// code.</summary>
    public static async Task<(string Code, string? TxCode)> CreateOfferAsync(TestServiceHost host, bool txCode)
    {
        ArgumentNullException.ThrowIfNull(host);
        var token = host.Services.GetRequiredService<DevelopmentTokens>().Create();
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/offers")
        {
            Content = JsonContent.Create(
                new Dictionary<string, object?>
                {
                    ["credential_configuration_ids"] = new[] { "LegalPerson_jwt_vc_json" },
                    ["claims"] = new Dictionary<string, object>
                    {
                        ["LegalPerson_jwt_vc_json"] = new Dictionary<string, object>
                        {
                            ["gx:legalName"] = "Example AG",
                            ["gx:headquartersAddress"] = new Dictionary<string, object> { ["gx:countryCode"] = "DE" },
                            ["gx:legalAddress"] = new Dictionary<string, object> { ["gx:countryCode"] = "DE" },
                        },
                    },
                    ["tx_code"] = txCode ? new { input_mode = "numeric", length = 6 } : null,
                }
            ),
        };
        create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var created = await host.Client.SendAsync(create);
        created.EnsureSuccessStatusCode();
        var answer = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        var code = answer["credential_offer"]!["grants"]!["urn:ietf:params:oauth:grant-type:pre-authorized_code"]![
            "pre-authorized_code"
        ]!.GetValue<string>();
        return (code, answer["tx_code"]?.GetValue<string>());
    }

    /// <summary>POSTs the pre-authorized code grant to <c>/token</c>.</summary>
    public static Task<HttpResponseMessage> RequestTokenAsync(HttpClient client, string code, string? txCode)
    {
        ArgumentNullException.ThrowIfNull(client);
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "urn:ietf:params:oauth:grant-type:pre-authorized_code",
            ["pre-authorized_code"] = code,
        };
        if (txCode is not null)
        {
            form["tx_code"] = txCode;
        }
        return client.PostAsync(new Uri("/token", UriKind.Relative), new FormUrlEncodedContent(form));
    }

    /// <summary>A credential request body with a fresh nonce and a signed proof (the wallet's part).</summary>
    public Task<byte[]> NewRequestBodyAsync() => NewRequestBodyAsync(Host.Client, IssuerId);

    /// <summary>
    /// A credential request body with a fresh nonce and <paramref name="proofs"/> signed proofs (a
    /// batch request when above 1), for the issuer at <paramref name="issuerId"/>.
    /// </summary>
    public static async Task<byte[]> NewRequestBodyAsync(HttpClient client, string issuerId, int proofs = 1)
    {
        var nonce = await NewNonceAsync(client);
        var jwts = new JsonArray();
        for (var i = 0; i < proofs; i++)
        {
            // A fresh holder key per credential, as wallets bind each credential to its own key.
            using var holder = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            jwts.Add(Proof(issuerId, nonce, holder));
        }
        return Encoding.UTF8.GetBytes(
            new JsonObject
            {
                ["credential_configuration_id"] = "LegalPerson_jwt_vc_json",
                ["proofs"] = new JsonObject { ["jwt"] = jwts },
            }.ToJsonString()
        );
    }

    /// <summary>A fresh <c>c_nonce</c> from the nonce endpoint.</summary>
    public static async Task<string> NewNonceAsync(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.PostAsync(new Uri("/nonce", UriKind.Relative), null);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["c_nonce"]!.GetValue<string>();
    }

    public string Proof(string nonce) => Proof(IssuerId, nonce, _holder);

    public static string Proof(string issuerId, string nonce, ECDsa holder)
    {
        ArgumentNullException.ThrowIfNull(holder);
        var p = holder.ExportParameters(false);
        var header = new JsonObject
        {
            ["typ"] = "openid4vci-proof+jwt",
            ["alg"] = "ES256",
            ["jwk"] = new JsonObject
            {
                ["kty"] = "EC",
                ["crv"] = "P-256",
                ["x"] = Base64Url.EncodeToString(p.Q.X),
                ["y"] = Base64Url.EncodeToString(p.Q.Y),
            },
        };
        var payload = new JsonObject
        {
            ["aud"] = issuerId,
            ["iat"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["nonce"] = nonce,
        };
        var input =
            Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header.ToJsonString()))
            + "."
            + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        return input + "." + Base64Url.EncodeToString(holder.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256));
    }

    /// <summary>POSTs one prepared request to <c>/credential</c>; throws unless the credential came back.</summary>
    public Task IssueAsync(HttpClient client, byte[] body) => IssueAsync(client, AccessToken, body);

    /// <summary>POSTs one prepared request to <c>/credential</c> with <paramref name="accessToken"/>; throws unless the credential came
    /// back.</summary>
    public static async Task IssueAsync(HttpClient client, string accessToken, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/credential") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await client.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"/credential answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}"
            );
        }
        await response.Content.ReadAsByteArrayAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _holder.Dispose();
        await _dapr.DisposeAsync();
    }
}
