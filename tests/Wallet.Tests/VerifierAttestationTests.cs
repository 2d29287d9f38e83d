using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.DidWeb;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.X509;
using GaiaX.Oid4vc.Testing;
using GaiaX.Oid4vc.Wallet;
using GaiaX.Oid4vc.Wallet.Presentation;
using Microsoft.Extensions.Time.Testing;

namespace Wallet.Tests;

/// <summary>
/// Request objects under the verifier_attestation prefix (OpenID4VP 1.0 sections 5.9.3 and 12): a Verifier Attestation
/// JWT from a trusted attester in the jwt header binds the signing key to the client identifier.
/// </summary>
public sealed class VerifierAttestationTests : IDisposable
{
    private const string Attester = "https://verifier-attester.example";
    private const string ClientId = "verifier_attestation:verifier.example";
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly HttpClient _http = new();
    private readonly SigningKey _attesterKey = SigningKey.CreateEs256("attester-1");
    private readonly SigningKey _verifierKey = SigningKey.CreateEs256();

    public void Dispose()
    {
        _http.Dispose();
        _attesterKey.Dispose();
        _verifierKey.Dispose();
    }

    private RequestObjectVerifier Verifier()
    {
        using var ca = TestPki.CreateRoot("Test CA", _time.GetUtcNow().AddDays(-1), _time.GetUtcNow().AddYears(1));
        var options = new DidWebOptions();
        var chains = new CertificateChainValidator(new TrustAnchors([ca]), _time);
        var didKeys = new DidWebKeyResolver(new DidWebResolver(_http, options, _time), chains, new X5uFetcher(_http, options), _time);
        return new RequestObjectVerifier(didKeys, new X5cKeyResolver(chains), _time)
        {
            VerifierAttesters = new Dictionary<string, IJwsKeyResolver> { [Attester] = new StaticKeyResolver().Add("attester-1", _attesterKey.PublicKey) },
        };
    }

    private string Attestation(Action<JsonObject>? change = null, SigningKey? signer = null, string typ = "verifier-attestation+jwt")
    {
        var jwk = _verifierKey.PublicKey.ToJwk();
        var payload = new JsonObject
        {
            ["iss"] = Attester,
            ["sub"] = "verifier.example",
            ["iat"] = _time.GetUtcNow().ToUnixTimeSeconds(),
            ["exp"] = _time.GetUtcNow().AddHours(1).ToUnixTimeSeconds(),
            ["cnf"] = new JsonObject { ["jwk"] = jwk },
        };
        change?.Invoke(payload);
        return Jws.Create(new JsonObject { ["typ"] = typ, ["kid"] = "attester-1" }, payload, signer ?? _attesterKey);
    }

    private static JsonObject Payload() => new()
    {
        ["client_id"] = ClientId,
        ["response_type"] = "vp_token",
        ["response_mode"] = "direct_post",
        ["response_uri"] = "https://verifier.example/response/1",
        ["nonce"] = "n-1",
        ["dcql_query"] = JsonNode.Parse("""{"credentials":[{"id":"vat","format":"jwt_vc_json","meta":{}}]}"""),
    };

    private string Request(string? attestation, SigningKey? signer = null)
    {
        var header = new JsonObject { ["typ"] = "oauth-authz-req+jwt" };
        if (attestation is not null)
        {
            header["jwt"] = attestation;
        }
        return Jws.Create(header, Payload(), signer ?? _verifierKey);
    }

    private async Task<string> RefusedAsync(string requestObject)
    {
        var refused = await Assert.ThrowsAsync<WalletProtocolException>(() => Verifier().VerifyAsync(requestObject, ClientId, walletNonce: null));
        return refused.Message;
    }

    [Fact]
    public async Task A_request_signed_with_the_attested_key_of_a_trusted_attester_is_accepted()
    {
        var request = await Verifier().VerifyAsync(Request(Attestation()), ClientId, walletNonce: null);

        Assert.Equal("n-1", request.Nonce);
    }

    [Fact]
    public async Task A_request_signed_with_another_key_than_the_attested_one_is_refused() =>
        Assert.Contains("signature", await RefusedAsync(Request(Attestation(), signer: SigningKey.CreateEs256())), StringComparison.OrdinalIgnoreCase);

    [Fact]
    public async Task An_attestation_from_an_untrusted_attester_is_refused() =>
        Assert.Contains("not one this wallet trusts", await RefusedAsync(Request(Attestation(p => p["iss"] = "https://rogue.example"))), StringComparison.Ordinal);

    [Fact]
    public async Task An_attestation_signed_by_another_key_of_the_attester_is_refused() =>
        Assert.Contains("does not verify", await RefusedAsync(Request(Attestation(signer: SigningKey.CreateEs256("attester-1")))), StringComparison.Ordinal);

    [Fact]
    public async Task An_expired_attestation_is_refused() =>
        Assert.Contains("does not verify", await RefusedAsync(Request(Attestation(p => p["exp"] = _time.GetUtcNow().AddHours(-1).ToUnixTimeSeconds()))), StringComparison.Ordinal);

    [Fact]
    public async Task An_attestation_for_another_client_is_refused() =>
        Assert.Contains("another client", await RefusedAsync(Request(Attestation(p => p["sub"] = "other.example"))), StringComparison.Ordinal);

    [Fact]
    public async Task A_request_without_an_attestation_is_refused() =>
        Assert.Contains("no Verifier Attestation", await RefusedAsync(Request(null)), StringComparison.Ordinal);

    [Fact]
    public async Task An_attestation_of_another_type_is_refused() =>
        Assert.Contains("not acceptable", await RefusedAsync(Request(Attestation(typ: "JWT"))), StringComparison.Ordinal);
}
