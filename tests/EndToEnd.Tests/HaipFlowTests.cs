using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.DevHost;
using GaiaX.Oid4vc.DevHost.Onboarding;
using GaiaX.Oid4vc.Wallet;
using GaiaX.Oid4vc.Wallet.Attestation;

namespace EndToEnd.Tests;

/// <summary>
/// The HAIP profile end to end: the reference wallet, attested by a wallet provider, receives a LegalPerson SD-JWT VC
/// from an Issuer under <c>Issuer:Profile=haip</c> (PAR, DPoP with server nonces, attestation-based client
/// authentication, attested keys, encrypted credential requests and responses required, x5c-signed credentials) and
/// presents it to a Verifier under <c>Verifier:Profile=haip</c> (x509_hash, signed request object, direct_post.jwt).
/// </summary>
[Collection(StackCollection.Name)]
public sealed class HaipFlowTests : IAsyncLifetime
{
    private const string Configuration = "LegalPerson_dc_sd_jwt";
    private readonly ManagementTokens _tokens = new(TimeProvider.System);
    private readonly WalletProvider _provider = new("https://wallet-provider.example", ECDsa.Create(ECCurve.NamedCurves.nistP256), TimeProvider.System);
    private DevStack _stack = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _stack = await DevStack.StartAsync(new DevStackSettings
        {
            IssuerPort = 0,
            VerifierPort = 0,
            NotaryPort = 0,
            CompliancePort = 0,
            ServiceArgs =
            [
                .. _tokens.ServiceArguments(),
                "--Issuer:Profile=haip",
                "--Issuer:RequireDpopNonce=true",
                "--Issuer:CredentialEncryption:Required=true",
                $"--Issuer:ClientAttestation:Attesters:0:Issuer={_provider.Issuer}",
                $"--Issuer:ClientAttestation:Attesters:0:Jwks={_provider.Jwks}",
                $"--Issuer:KeyAttestation:Attesters:0:Jwks={_provider.Jwks}",
                $"--Issuer:CredentialConfigurations:{Configuration}:KeyAttestations:KeyStorage:0=iso_18045_high",
                "--Verifier:Profile=haip",
            ],
        });
        _http = new HttpClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        _provider.Dispose();
        _tokens.Dispose();
        await _stack.DisposeAsync();
    }

    private async Task<JsonObject> SendAsync(HttpMethod method, Uri url, string token, JsonNode? body = null)
    {
        using var message = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {url} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private async Task<ReferenceWallet> WalletAsync(bool haip)
    {
        var anchor = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(_stack.DevelopmentCaCertificate));
        var holder = HolderKey.FromECDsaAsDidJwk(ECDsa.Create(ECCurve.NamedCurves.nistP256));
        var options = new ReferenceWalletOptions { TrustAnchors = [anchor], AllowLoopback = true };
        return new ReferenceWallet(holder, holder.SigningKey.KeyId!.Split('#')[0], haip ? options.WithHaip(_provider) : options, TimeProvider.System);
    }

    private async Task<JsonObject> OfferAsync() =>
        await SendAsync(HttpMethod.Post, new Uri(_stack["issuer"].BaseUrl, "/api/offers"), _tokens.IssuerToken(), new JsonObject
        {
            ["credential_configuration_ids"] = new JsonArray(Configuration),
            ["claims"] = new JsonObject { [Configuration] = new JsonObject { ["legal_name"] = "Example Cloud GmbH", ["headquarters_country"] = "DE" } },
        });

    [Fact]
    public async Task An_attested_wallet_receives_an_SD_JWT_VC_under_haip_and_presents_it_to_a_haip_verifier()
    {
        using var wallet = await WalletAsync(haip: true);
        var offer = await OfferAsync();

        var received = Assert.Single(await wallet.ReceiveAsync((string)offer["offer_uri"]!, (string?)offer["tx_code"]));

        // HAIP: the credential carries the Issuer's certificate chain and is bound to the attested holder key.
        var header = JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(received.Raw.Split('.')[0]))!;
        Assert.NotNull(header["x5c"]);
        var verifier = _stack["verifier"].BaseUrl;
        var issuer = _stack["issuer"].BaseUrl.ToString().TrimEnd('/');
        var request = await SendAsync(
            HttpMethod.Post,
            new Uri(verifier, "/api/presentation-requests"),
            _tokens.VerifierToken(),
            JsonNode.Parse(WalletCliTests.LegalPersonSdJwtRequest.Replace("{ISSUER}", issuer, StringComparison.Ordinal))
        );
        Assert.StartsWith("x509_hash:", (string)request["client_id"]!, StringComparison.Ordinal);

        await wallet.PresentAsync((string)request["authorization_request_uri"]!);

        var status = await SendAsync(HttpMethod.Get, new Uri(verifier, $"/api/presentation-requests/{request["request_id"]}"), _tokens.VerifierToken());
        Assert.True((string?)status["status"] == "verified", status.ToJsonString());
    }

    [Fact]
    public async Task A_wallet_without_attestation_DPoP_or_encryption_is_refused_by_the_haip_issuer()
    {
        using var wallet = await WalletAsync(haip: false);
        var offer = await OfferAsync();

        var refused = await Assert.ThrowsAsync<WalletProtocolException>(() => wallet.ReceiveAsync((string)offer["offer_uri"]!, (string?)offer["tx_code"]));

        Assert.Contains("invalid_client", refused.Message, StringComparison.Ordinal);
    }
}
