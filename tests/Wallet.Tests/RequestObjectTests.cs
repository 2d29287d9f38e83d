using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.DidWeb;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.X509;
using GaiaX.Oid4vc.Testing;
using GaiaX.Oid4vc.Wallet;
using GaiaX.Oid4vc.Wallet.Presentation;
using Microsoft.Extensions.Time.Testing;

namespace Wallet.Tests;

/// <summary>Request objects under the x509_san_dns prefix: a test CA, a verifier leaf naming verifier.example.</summary>
public sealed class RequestObjectTests : IDisposable
{
    private const string ClientId = "x509_san_dns:verifier.example";
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly X509Certificate2 _ca;
    private readonly HttpClient _http = new();

    public RequestObjectTests() => _ca = TestPki.CreateRoot("Test CA", _time.GetUtcNow().AddDays(-1), _time.GetUtcNow().AddYears(1));

    private RequestObjectVerifier Verifier()
    {
        var options = new DidWebOptions();
        var chains = new CertificateChainValidator(new TrustAnchors([_ca]), _time);
        var didKeys = new DidWebKeyResolver(new DidWebResolver(_http, options, _time), chains, new X5uFetcher(_http, options), _time);
        return new RequestObjectVerifier(didKeys, new X5cKeyResolver(chains), _time);
    }

    private SigningKey Leaf(string dns)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var leaf = TestPki.CreateLeaf(_ca, key, dns, _time.GetUtcNow().AddDays(-1), _time.GetUtcNow().AddDays(30), dnsNames: [dns]);
        return new SigningKey(key, JwsAlgorithms.ES256, null, [leaf, _ca]);
    }

    private static JsonObject Payload(string clientId = ClientId) => new()
    {
        ["client_id"] = clientId,
        ["response_type"] = "vp_token",
        ["response_mode"] = "direct_post",
        ["response_uri"] = "https://verifier.example/response/1",
        ["nonce"] = "n-1",
        ["state"] = "s-1",
        ["dcql_query"] = JsonNode.Parse("""{"credentials":[{"id":"vat","format":"jwt_vc_json","meta":{}}]}"""),
    };

    private static string Sign(SigningKey key, JsonObject payload, string typ = "oauth-authz-req+jwt") =>
        Jws.Create(new JsonObject { ["typ"] = typ, ["x5c"] = new JsonArray(key.X5c.Select(c => (JsonNode)JsonValue.Create(c)).ToArray()) }, payload, key);

    [Fact]
    public async Task X509_san_dns_request_signed_by_a_leaf_naming_the_host_is_accepted()
    {
        using var key = Leaf("verifier.example");

        var request = await Verifier().VerifyAsync(Sign(key, Payload()), ClientId, walletNonce: null);

        Assert.Equal("n-1", request.Nonce);
        Assert.Equal("s-1", request.State);
        Assert.Equal("vat", Assert.Single(request.Query.Credentials).Id);
    }

    private static string HashClientId(SigningKey key) =>
        "x509_hash:" + System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(key.CertificateChain[0].RawData));

    [Fact]
    public async Task X509_hash_request_signed_by_the_leaf_it_hashes_is_accepted()
    {
        using var key = Leaf("verifier.example");
        var clientId = HashClientId(key);

        var request = await Verifier().VerifyAsync(Sign(key, Payload(clientId)), clientId, walletNonce: null);

        Assert.Equal("n-1", request.Nonce);
    }

    [Fact]
    public async Task X509_hash_request_signed_by_another_certificate_of_the_same_CA_is_refused()
    {
        using var named = Leaf("verifier.example");
        using var other = Leaf("verifier.example");
        var clientId = HashClientId(named);

        var error = await Assert.ThrowsAsync<WalletProtocolException>(() => Verifier().VerifyAsync(Sign(other, Payload(clientId)), clientId, null));

        Assert.Equal("invalid_request_object", error.Error);
    }

    [Fact]
    public async Task X509_san_dns_request_whose_leaf_names_another_host_is_refused()
    {
        using var key = Leaf("attacker.example");
        var error = await Assert.ThrowsAsync<WalletProtocolException>(() => Verifier().VerifyAsync(Sign(key, Payload()), ClientId, null));
        Assert.Equal("invalid_request_object", error.Error);
    }

    [Fact]
    public async Task Request_object_with_another_client_id_inside_is_refused()
    {
        using var key = Leaf("verifier.example");
        var error = await Assert.ThrowsAsync<WalletProtocolException>(() => Verifier().VerifyAsync(Sign(key, Payload("x509_san_dns:other.example")), ClientId, null));
        Assert.Equal("invalid_request_object", error.Error);
    }

    [Fact]
    public async Task Request_object_without_the_oauth_authz_req_jwt_typ_is_refused()
    {
        using var key = Leaf("verifier.example");
        await Assert.ThrowsAsync<WalletProtocolException>(() => Verifier().VerifyAsync(Sign(key, Payload(), typ: "JWT"), ClientId, null));
    }

    [Fact]
    public async Task Request_object_that_does_not_echo_the_wallet_nonce_is_refused()
    {
        using var key = Leaf("verifier.example");
        var error = await Assert.ThrowsAsync<WalletProtocolException>(() => Verifier().VerifyAsync(Sign(key, Payload()), ClientId, walletNonce: "w-1"));
        Assert.Equal("invalid_request_object", error.Error);
    }

    [Fact]
    public async Task Response_uri_on_another_host_than_the_x509_san_dns_is_refused()
    {
        using var key = Leaf("verifier.example");
        var payload = Payload();
        payload["response_uri"] = "https://collector.example/response/1";
        await Assert.ThrowsAsync<WalletProtocolException>(() => Verifier().VerifyAsync(Sign(key, payload), ClientId, null));
    }

    [Fact]
    public async Task Unsupported_client_id_prefix_is_refused_with_invalid_client()
    {
        using var key = Leaf("verifier.example");
        var error = await Assert.ThrowsAsync<WalletProtocolException>(() => Verifier().VerifyAsync(Sign(key, Payload("redirect_uri:https://verifier.example")), "redirect_uri:https://verifier.example", null));
        Assert.Equal("invalid_client", error.Error);
    }

    [Fact]
    public async Task Decentralized_identifier_request_signed_with_a_key_of_another_did_is_refused()
    {
        using var key = SigningKey.CreateEs256("did:web:attacker.example#k");
        var payload = Payload("decentralized_identifier:did:web:verifier.example");
        var jwt = Jws.Create(new JsonObject { ["typ"] = "oauth-authz-req+jwt" }, payload, key);

        var error = await Assert.ThrowsAsync<WalletProtocolException>(() => Verifier().VerifyAsync(jwt, "decentralized_identifier:did:web:verifier.example", null));

        Assert.Contains("not a key of did:web:verifier.example", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("openid4vp://?request_uri=https%3A%2F%2Fv.example%2Fr")]
    [InlineData("openid4vp://?client_id=x&request_uri=https%3A%2F%2Fv.example%2Fr&request=e30")]
    [InlineData("openid4vp://?client_id=x")]
    [InlineData("openid4vp://?client_id=x&request_uri=http%3A%2F%2Fv.example%2Fr")]
    [InlineData("openid4vp://?client_id=x&request_uri=https%3A%2F%2Fv.example%2Fr&request_uri_method=put")]
    public void Malformed_presentation_link_is_refused(string link) =>
        Assert.Throws<WalletProtocolException>(() => PresentationRequestReference.Parse(link));

    [Fact]
    public void Presentation_link_with_request_uri_method_post_is_parsed()
    {
        var reference = PresentationRequestReference.Parse("openid4vp://?client_id=" + Uri.EscapeDataString(ClientId) + "&request_uri=https%3A%2F%2Fverifier.example%2Frequest%2F1&request_uri_method=post");

        Assert.Equal(ClientId, reference.ClientId);
        Assert.Equal("post", reference.RequestUriMethod);
        Assert.Equal(new Uri("https://verifier.example/request/1"), reference.RequestUri);
    }

    public void Dispose()
    {
        _ca.Dispose();
        _http.Dispose();
    }
}
