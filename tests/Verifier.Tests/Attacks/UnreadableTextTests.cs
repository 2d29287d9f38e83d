using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Testing;
using Verifier.Tests.Rules;
using Verifier.Tests.Support;

namespace Verifier.Tests.Attacks;

/// <summary>
/// JSON text that is not Unicode (bytes that are not UTF-8, an escaped lone surrogate such as
/// <c>\udc00</c>) or that repeats a member parses and then throws when a string is read. Every
/// place where a client's JSON enters the Verifier refuses it as the client's mistake: 400 problem
/// details on the management API, <c>invalid_request</c> or a rejected presentation on the
/// response endpoint, never a 500 and never an "internal error" on the request.
/// </summary>
public sealed class UnreadableTextTests(VerifierFixture fixture) : IClassFixture<VerifierFixture>
{
    private VerifierHost Verifier => fixture.Verifier;

    private static readonly string SurrogateDidJwk = "did:jwk:" + Jose.B64("{\"kty\":\"\\udc00\",\"crv\":\"P-256\",\"x\":\"AA\",\"y\":\"AA\"}");

    private static byte[] CreateBody(byte[] id) =>
        [.. "{\"dcql_query\":{\"credentials\":[{\"id\":\""u8, .. id,
         .. "\",\"format\":\"jwt_vc_json\",\"meta\":{\"type_values\":[[\"LegalPerson\"]]}}]},\"response_mode\":\"direct_post\"}"u8];

    public static TheoryData<string, byte[]> UnreadableCreateBodies() => new()
    {
        { "escaped lone surrogate", CreateBody("\\udc00"u8.ToArray()) },
        { "invalid UTF-8", CreateBody([0xC3, 0x28]) },
        { "repeated member", [.. "{\"response_mode\":\"direct_post\","u8, .. CreateBody("q"u8.ToArray()).AsSpan(1)] },
    };

    [Theory]
    [MemberData(nameof(UnreadableCreateBodies))]
    public async Task Presentation_request_body_that_is_not_unicode_text_or_repeats_a_member_is_a_bad_request(string kind, byte[] body)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "/api/presentation-requests") { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Verifier.Token());
        using var response = await Verifier.Client.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{kind}: {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Presentation_signed_under_a_did_jwk_that_is_not_unicode_text_is_refused_not_an_internal_error()
    {
        using var wallet = Verifier.NewWallet();
        var (id, request) = await Verifier.StartAsync(wallet, Queries.Dcql(Queries.LegalPersonCredentialQuery()));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var vp = Jose.SignEs256(new JsonObject { ["typ"] = "vp+jwt", ["kid"] = SurrogateDidJwk + "#0" }, new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = new JsonArray("VerifiablePresentation"),
            ["holder"] = SurrogateDidJwk,
            ["verifiableCredential"] = new JsonArray(),
            ["aud"] = request.ClientId,
            ["nonce"] = request.Nonce,
            ["iat"] = Jose.Now(),
            ["exp"] = Jose.Now() + 300,
        }, key);

        using var response = await wallet.PostDirectAsync(request, new JsonObject { ["legal_person"] = new JsonArray(vp) });

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {text}");
        var status = await Verifier.StatusAsync(id);
        Assert.Equal("rejected", (string?)status["status"]);
        Assert.DoesNotContain("internal error", status.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vp_token_whose_json_text_is_not_unicode_is_an_invalid_request()
    {
        using var wallet = Verifier.NewWallet();
        var (id, request) = await Verifier.StartAsync(wallet, Queries.Dcql(Queries.LegalPersonCredentialQuery()));

        using var response = await Verifier.Client.PostAsync(new Uri(request.ResponseUri), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["vp_token"] = "{\"\\udc00\":[\"x\"]}",
            ["state"] = request.State,
        }));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {text}");
        Assert.Equal("invalid_request", (string?)JsonNode.Parse(text)!["error"]);
        Assert.DoesNotContain("internal error", (await Verifier.StatusAsync(id)).ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Encrypted_response_whose_state_is_not_unicode_is_refused_before_the_request_is_claimed()
    {
        using var wallet = Verifier.NewWallet();
        var (id, request) = await Verifier.StartAsync(wallet, Queries.Dcql(Queries.LegalPersonCredentialQuery()), responseMode: "direct_post.jwt");
        // Anyone can encrypt to the request's public key; the state inside proves nothing until it is read.
        var jwe = TestWallet.Encrypt("{\"vp_token\":{\"legal_person\":[\"x\"]},\"state\":\"\\udc00\"}", request.EncryptionJwk!, "A128GCM");

        using var forged = await Verifier.Client.PostAsync(new Uri(request.ResponseUri), new FormUrlEncodedContent(new Dictionary<string, string> { ["response"] = jwe }));

        var text = await forged.Content.ReadAsStringAsync();
        Assert.True(forged.StatusCode == HttpStatusCode.BadRequest, $"{(int)forged.StatusCode} {text}");
        Assert.Equal("invalid_request", (string?)JsonNode.Parse(text)!["error"]);
        Assert.Equal("retrieved", (string?)(await Verifier.StatusAsync(id))["status"]);
        var vp = wallet.PresentVcJwt(request, [Verifier.Issuer.IssueVcJwt("LegalPerson", Queries.LegalPersonSubject(), holderJwk: wallet.HolderJwk)]);
        using var real = await wallet.PostEncryptedAsync(request, new JsonObject { ["legal_person"] = new JsonArray(vp) });
        Assert.True(real.StatusCode == HttpStatusCode.OK, await real.Content.ReadAsStringAsync());
        Assert.Equal("verified", (string?)(await Verifier.StatusAsync(id))["status"]);
    }

    [Fact]
    public async Task Encrypted_response_whose_jwe_header_is_not_unicode_is_refused_before_the_request_is_claimed()
    {
        using var wallet = Verifier.NewWallet();
        var (id, request) = await Verifier.StartAsync(wallet, Queries.Dcql(Queries.LegalPersonCredentialQuery()), responseMode: "direct_post.jwt");
        var header = Jose.B64("{\"alg\":\"\\udc00\",\"enc\":\"A128GCM\"}");

        using var forged = await Verifier.Client.PostAsync(new Uri(request.ResponseUri), new FormUrlEncodedContent(new Dictionary<string, string> { ["response"] = header + "..AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA" }));

        var text = await forged.Content.ReadAsStringAsync();
        Assert.True(forged.StatusCode == HttpStatusCode.BadRequest, $"{(int)forged.StatusCode} {text}");
        Assert.Equal("invalid_request", (string?)JsonNode.Parse(text)!["error"]);
        Assert.Equal("retrieved", (string?)(await Verifier.StatusAsync(id))["status"]);
    }

    [Fact]
    public async Task Transaction_data_whose_json_is_not_unicode_is_a_bad_request()
    {
        var body = Queries.Request(Queries.Dcql(Queries.EmployeeCredentialQuery()));
        body["transaction_data"] = new JsonArray(Jose.B64("{\"type\":\"payment\",\"credential_ids\":[\"\\udc00\"]}"));

        using var response = await Verifier.PostRequestAsync(body);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Enveloped_credential_whose_header_is_not_unicode_is_refused_not_an_internal_error()
    {
        using var wallet = Verifier.NewWallet();
        var (id, request) = await Verifier.StartAsync(wallet, Queries.Dcql(Queries.LegalPersonCredentialQuery()));
        var credential = Jose.B64("{\"alg\":\"ES256\",\"typ\":\"\\udc00\"}") + ".e30.AAAA";
        var vp = wallet.PresentVcJwt(request, [credential]);

        using var response = await wallet.PostDirectAsync(request, new JsonObject { ["legal_person"] = new JsonArray(vp) });

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {text}");
        var status = await Verifier.StatusAsync(id);
        Assert.Equal("rejected", (string?)status["status"]);
        Assert.DoesNotContain("internal error", status.ToJsonString(), StringComparison.Ordinal);
    }
}
