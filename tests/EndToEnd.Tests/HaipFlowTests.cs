using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.DevHost;
using GaiaX.Oid4vc.DevHost.Onboarding;
using GaiaX.Oid4vc.Wallet;
using GaiaX.Oid4vc.Wallet.Attestation;
using GaiaX.Oid4vc.Wallet.Issuance;

namespace EndToEnd.Tests;

/// <summary>
/// A DevHost stack under the haip profiles: the Issuer (PAR, DPoP with server nonces, attestation-based client
/// authentication, attested keys for the LegalPerson SD-JWT VC, encrypted credential requests and responses required,
/// x5c-signed credentials) and the Verifier (x509_hash, signed request object, direct_post.jwt); and the development
/// wallet provider both trust.
/// </summary>
public sealed class HaipStackFixture : IAsyncLifetime
{
    public const string Configuration = "LegalPerson_dc_sd_jwt";

    public ManagementTokens Tokens { get; } = new(TimeProvider.System);

    public WalletProvider Provider { get; } = new("https://wallet-provider.example", ECDsa.Create(ECCurve.NamedCurves.nistP256), TimeProvider.System);

    public DevStack Stack { get; private set; } = null!;

    public HttpClient Http { get; } = new();

    public async Task InitializeAsync()
    {
        Stack = await DevStack.StartAsync(new DevStackSettings
        {
            IssuerPort = 0,
            VerifierPort = 0,
            NotaryPort = 0,
            CompliancePort = 0,
            RegistryPort = 0,
            ServiceArgs =
            [
                .. Tokens.ServiceArguments(),
                "--Issuer:Profile=haip",
                "--Issuer:RequireDpopNonce=true",
                "--Issuer:CredentialEncryption:Required=true",
                $"--Issuer:ClientAttestation:Attesters:0:Issuer={Provider.Issuer}",
                $"--Issuer:ClientAttestation:Attesters:0:Jwks={Provider.Jwks}",
                $"--Issuer:KeyAttestation:Attesters:0:Jwks={Provider.Jwks}",
                $"--Issuer:CredentialConfigurations:{Configuration}:KeyAttestations:KeyStorage:0=iso_18045_high",
                "--Verifier:Profile=haip",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        Provider.Dispose();
        Tokens.Dispose();
        await Stack.DisposeAsync();
    }

    public async Task<JsonObject> SendAsync(HttpMethod method, Uri url, string token, JsonNode? body = null)
    {
        using var message = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Http.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {url} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>A reference wallet with a did:jwk holder; with every HAIP option and this provider when <paramref name="haip"/>.</summary>
    public async Task<ReferenceWallet> WalletAsync(bool haip, string clientId = "gaiax-reference-wallet")
    {
        var anchor = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Stack.DevelopmentCaCertificate));
        var holder = HolderKey.FromECDsaAsDidJwk(ECDsa.Create(ECCurve.NamedCurves.nistP256));
        var options = new ReferenceWalletOptions { TrustAnchors = [anchor], AllowLoopback = true, WalletClientId = clientId };
        return new ReferenceWallet(holder, holder.SigningKey.KeyId!.Split('#')[0], haip ? options.WithHaip(Provider) : options, TimeProvider.System);
    }

    /// <summary>A LegalPerson SD-JWT VC offer of the back office (pre-authorized code with tx_code, and issuer_state).</summary>
    public async Task<JsonObject> OfferAsync() =>
        await SendAsync(HttpMethod.Post, new Uri(Stack["issuer"].BaseUrl, "/api/offers"), Tokens.IssuerToken(), new JsonObject
        {
            ["credential_configuration_ids"] = new JsonArray(Configuration),
            ["subject_id"] = "did:web:participant.example",
            ["claims"] = new JsonObject { [Configuration] = new JsonObject { ["legal_name"] = "Example Cloud GmbH", ["headquarters_country"] = "DE" } },
        });

    public async Task<string?> OfferStatusAsync(JsonObject offer) =>
        (string?)(await SendAsync(HttpMethod.Get, new Uri(Stack["issuer"].BaseUrl, $"/api/offers/{offer["offer_id"]}"), Tokens.IssuerToken()))["status"];
}

/// <summary>
/// The HAIP profile end to end, and the happy-flow modules of the conformance suite's oid4vci-1_0-issuer-haip-test-plan
/// (authorization code grant, PAR, DPoP, client attestation, encrypted variant), driven by the reference wallet the way
/// the suite's emulated wallet drives them.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class HaipFlowTests(HaipStackFixture haip) : IClassFixture<HaipStackFixture>
{
    private const string RedirectUri = "http://127.0.0.1:9/callback";

    [Fact]
    public async Task An_attested_wallet_receives_an_SD_JWT_VC_under_haip_and_presents_it_to_a_haip_verifier()
    {
        using var wallet = await haip.WalletAsync(haip: true);
        var offer = await haip.OfferAsync();

        var received = Assert.Single(await wallet.ReceiveAsync((string)offer["offer_uri"]!, (string?)offer["tx_code"]));

        // HAIP: the credential carries the Issuer's certificate chain.
        var header = JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(received.Raw.Split('.')[0]))!;
        Assert.NotNull(header["x5c"]);
        var verifier = haip.Stack["verifier"].BaseUrl;
        var issuer = haip.Stack["issuer"].BaseUrl.ToString().TrimEnd('/');
        var request = await haip.SendAsync(
            HttpMethod.Post,
            new Uri(verifier, "/api/presentation-requests"),
            haip.Tokens.VerifierToken(),
            JsonNode.Parse(WalletCliTests.LegalPersonSdJwtRequest.Replace("{ISSUER}", issuer, StringComparison.Ordinal))
        );
        Assert.StartsWith("x509_hash:", (string)request["client_id"]!, StringComparison.Ordinal);

        await wallet.PresentAsync((string)request["authorization_request_uri"]!);

        var status = await haip.SendAsync(HttpMethod.Get, new Uri(verifier, $"/api/presentation-requests/{request["request_id"]}"), haip.Tokens.VerifierToken());
        Assert.True((string?)status["status"] == "verified", status.ToJsonString());
    }

    [Fact]
    public async Task A_wallet_without_attestation_DPoP_or_encryption_is_refused_by_the_haip_issuer()
    {
        using var wallet = await haip.WalletAsync(haip: false);
        var offer = await haip.OfferAsync();

        var refused = await Assert.ThrowsAsync<WalletProtocolException>(() => wallet.ReceiveAsync((string)offer["offer_uri"]!, (string?)offer["tx_code"]));

        Assert.Contains("invalid_client", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oid4vci_1_0_issuer_happy_flow_pre_authorized_code_with_the_offer_by_value()
    {
        using var wallet = await haip.WalletAsync(haip: true);
        var offer = await haip.OfferAsync();
        var byValue = (string)offer["offer_uri_by_value"]!;
        Assert.Contains("credential_offer=", byValue, StringComparison.Ordinal);

        var received = await wallet.ReceiveAsync(byValue, (string?)offer["tx_code"]);

        Assert.Single(received);
        Assert.Equal("issued", await haip.OfferStatusAsync(offer));
    }

    /// <summary>The suite's authorization code flow: PAR, the user agent's redirect, the token, a credential by identifier.</summary>
    private async Task<(Oid4vciClient Client, IssuerContext Context, WalletToken Token, CredentialResult Result, JsonObject Offer)> AuthorizationCodeFlowAsync(
        ReferenceWallet wallet,
        string clientId)
    {
        var offer = await haip.OfferAsync();
        var client = wallet.Issuance;
        var credentialOffer = await client.ResolveOfferAsync((string)offer["offer_uri"]!);
        var context = await client.DiscoverAsync(credentialOffer.CredentialIssuer);
        var session = await client.BeginAuthorizationCodeAsync(context, credentialOffer, clientId, RedirectUri);
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var redirect = await browser.GetAsync(session.AuthorizationUrl);
        Assert.True(redirect.Headers.Location is not null, $"{(int)redirect.StatusCode}: {await redirect.Content.ReadAsStringAsync()}");
        var query = System.Web.HttpUtility.ParseQueryString(redirect.Headers.Location!.Query);
        var token = await client.ExchangeAuthorizationCodeAsync(context, session, query["code"]!, query["state"]);
        Assert.Equal("DPoP", token.TokenType);
        var result = await client.RequestCredentialAsync(context, token, null, Assert.Single(token.CredentialIdentifiers));
        Assert.Single(result.Credentials);
        return (client, context, token, result, offer);
    }

    [Fact]
    public async Task Oid4vci_1_0_issuer_happy_flow()
    {
        using var wallet = await haip.WalletAsync(haip: true);

        var (client, context, token, result, offer) = await AuthorizationCodeFlowAsync(wallet, "gaiax-reference-wallet");
        await client.NotifyAsync(context, token, result.NotificationId!);

        Assert.Equal("issued", await haip.OfferStatusAsync(offer));
    }

    [Fact]
    public async Task Oid4vci_1_0_issuer_happy_flow_skip_notification()
    {
        using var wallet = await haip.WalletAsync(haip: true);

        var (_, _, _, result, offer) = await AuthorizationCodeFlowAsync(wallet, "gaiax-reference-wallet");

        // The wallet never notifies: the issuance stands as done without it.
        Assert.NotNull(result.NotificationId);
        Assert.Equal("issued", await haip.OfferStatusAsync(offer));
    }

    [Fact]
    public async Task Oid4vci_1_0_issuer_happy_flow_additional_requests()
    {
        using var wallet = await haip.WalletAsync(haip: true);
        var (client, context, token, _, _) = await AuthorizationCodeFlowAsync(wallet, "gaiax-reference-wallet");

        // Once the first credential is obtained, further requests with the same DPoP-bound token and fresh nonces.
        var again = await client.RequestCredentialAsync(context, token, null, Assert.Single(token.CredentialIdentifiers));

        Assert.Single(again.Credentials);
    }

    [Fact]
    public async Task Oid4vci_1_0_issuer_happy_flow_multiple_clients()
    {
        using var first = await haip.WalletAsync(haip: true, clientId: "wallet-instance-a");
        using var second = await haip.WalletAsync(haip: true, clientId: "wallet-instance-b");

        var (_, _, _, firstResult, _) = await AuthorizationCodeFlowAsync(first, "wallet-instance-a");
        var (_, _, _, secondResult, _) = await AuthorizationCodeFlowAsync(second, "wallet-instance-b");

        Assert.NotEqual(firstResult.Credentials[0], secondResult.Credentials[0]);
    }
}
