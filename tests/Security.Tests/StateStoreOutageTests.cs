using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.DevHost;
using GaiaX.Oid4vc.DevHost.Onboarding;
using GaiaX.Oid4vc.Testing;

namespace Security.Tests;

/// <summary>
/// Item 13 of the outside test: while the state store (Redis) is down, every endpoint that needs it
/// answers 503 with <c>Retry-After</c> (not a 500 after a 5 s hang) and <c>/readyz</c> says not ready.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class StateStoreOutageTests
{
    [Fact]
    public async Task Endpoints_answer_503_with_retry_after_and_readiness_fails_while_the_state_store_is_down()
    {
        using var tokens = new ManagementTokens(TimeProvider.System);
        await using var redis = await RedisTestServer.StartAsync();
        await using var stack = await DevStack.StartAsync(new DevStackSettings
        {
            IssuerPort = 0,
            VerifierPort = 0,
            NotaryPort = 0,
            CompliancePort = 0,
            RegistryPort = 0,
            Redis = redis.ConnectionString,
            ServiceArgs = [.. tokens.ServiceArguments()],
        });
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        foreach (var service in new[] { "issuer", "verifier", "notary", "compliance" })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(stack[service].BaseUrl, "/readyz"))).StatusCode);
        }

        await redis.DisposeAsync(); // the state store goes away

        var requests = new List<Func<HttpRequestMessage>>
        {
            () => new HttpRequestMessage(HttpMethod.Post, new Uri(stack["issuer"].BaseUrl, "/nonce")),
            () => new HttpRequestMessage(HttpMethod.Get, new Uri(stack["issuer"].BaseUrl, "/credential-offer/0123456789abcdef0123456789abcdef")),
            () => new HttpRequestMessage(HttpMethod.Post, new Uri(stack["issuer"].BaseUrl, "/token"))
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["grant_type"] = "urn:ietf:params:oauth:grant-type:pre-authorized_code",
                    ["pre-authorized_code"] = "some-code",
                    ["tx_code"] = "123456",
                }),
            },
            () => Authorized(new HttpRequestMessage(HttpMethod.Post, new Uri(stack["issuer"].BaseUrl, "/api/offers"))
            {
                Content = JsonContent.Create(new JsonObject
                {
                    ["credential_configuration_ids"] = new JsonArray("VatID"),
                    ["claims"] = new JsonObject { ["VatID"] = new JsonObject { ["gx:vatID"] = "DE812345673", ["gx:countryCode"] = "DE" } },
                    ["subject_id"] = "did:web:participant.example",
                }),
            }, tokens.IssuerToken()),
            () => Authorized(new HttpRequestMessage(HttpMethod.Post, new Uri(stack["verifier"].BaseUrl, "/api/presentation-requests"))
            {
                Content = JsonContent.Create(new JsonObject
                {
                    ["dcql_query"] = new JsonObject
                    {
                        ["credentials"] = new JsonArray(new JsonObject
                        {
                            ["id"] = "any",
                            ["format"] = "jwt_vc_json",
                            ["meta"] = new JsonObject { ["type_values"] = new JsonArray(new JsonArray("VerifiableCredential")) },
                        }),
                    },
                }),
            }, tokens.VerifierToken()),
            () => new HttpRequestMessage(HttpMethod.Get, new Uri(stack["verifier"].BaseUrl, "/request/0123456789abcdef0123456789abcdef")),
        };
        foreach (var create in requests)
        {
            using var request = create();
            var target = $"{request.Method} {request.RequestUri}";
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{target}: {(int)response.StatusCode} {body}");
            Assert.NotNull(response.Headers.RetryAfter);
            // A protocol endpoint answers in its own vocabulary, every other route with problem details.
            var json = JsonNode.Parse(body)!;
            if (request.RequestUri!.AbsolutePath is "/token")
            {
                Assert.Equal("temporarily_unavailable", (string?)json["error"]);
            }
            else
            {
                Assert.Equal(503, (int?)json["status"]);
            }
        }
        foreach (var service in new[] { "issuer", "verifier", "notary", "compliance" })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync(new Uri(stack[service].BaseUrl, "/readyz"))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(stack[service].BaseUrl, "/healthz"))).StatusCode);
        }
    }

    private static HttpRequestMessage Authorized(HttpRequestMessage request, string token)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }
}
