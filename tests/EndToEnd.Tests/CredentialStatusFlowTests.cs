using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.DevHost;
using GaiaX.Oid4vc.DevHost.Onboarding;
using GaiaX.Oid4vc.Wallet;

namespace EndToEnd.Tests;

/// <summary>
/// Revocation and suspension across the stack, as users meet them: the Issuer issues a credential to a wallet, the
/// Verifier accepts it, the back office revokes (or suspends, then reinstates) it, and once the Verifier's cached
/// list has outlived its ttl the same presentation is refused with the status's own reason.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class CredentialStatusFlowTests : IAsyncLifetime
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMilliseconds(300);
    private readonly ManagementTokens _tokens = new(TimeProvider.System);
    private DevStack _stack = null!;
    private ReferenceWallet _wallet = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        // Changes are signed at once and lists are reused for 300 ms: the real delays, shortened for a test.
        _stack = await DevStack.StartAsync(new DevStackSettings
        {
            IssuerPort = 0,
            VerifierPort = 0,
            NotaryPort = 0,
            CompliancePort = 0,
            RegistryPort = 0,
            ServiceArgs = [.. _tokens.ServiceArguments(), "--StatusList:ResignDelay=00:00:00", $"--StatusLists:MaxTtl={Ttl}"],
        });
        var anchor = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(_stack.DevelopmentCaCertificate));
        var holder = HolderKey.FromECDsaAsDidJwk(ECDsa.Create(ECCurve.NamedCurves.nistP256));
        _wallet = new ReferenceWallet(holder, holder.SigningKey.KeyId!.Split('#')[0], new ReferenceWalletOptions { TrustAnchors = [anchor], AllowLoopback = true }, TimeProvider.System);
        _http = new HttpClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        _wallet.Dispose();
        _tokens.Dispose();
        await _stack.DisposeAsync();
    }

    private async Task<JsonObject> SendAsync(HttpMethod method, Uri url, string token, object? body = null)
    {
        using var message = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {url} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>A LegalPerson VC-JWT offered by the back office and received by the wallet; its issued-credential id.</summary>
    private async Task<string> ReceiveLegalPersonAsync()
    {
        var issuer = _stack["issuer"].BaseUrl;
        var offer = await SendAsync(HttpMethod.Post, new Uri(issuer, "/api/offers"), _tokens.IssuerToken(), new
        {
            credential_configuration_ids = new[] { "LegalPerson_jwt_vc_json" },
            claims = new Dictionary<string, object>
            {
                ["LegalPerson_jwt_vc_json"] = new Dictionary<string, object>
                {
                    ["gx:legalName"] = "Example Cloud GmbH",
                    ["gx:headquartersAddress"] = new Dictionary<string, string> { ["gx:countryCode"] = "DE" },
                    ["gx:legalAddress"] = new Dictionary<string, string> { ["gx:countryCode"] = "DE" },
                },
            },
        });
        await _wallet.ReceiveAsync((string)offer["offer_uri"]!, (string?)offer["tx_code"]);
        var issued = await SendAsync(HttpMethod.Get, new Uri(issuer, $"/api/credentials?offer_id={offer["offer_id"]}"), _tokens.IssuerToken());
        return (string)issued["credentials"]![0]!["id"]!;
    }

    /// <summary>A presentation request for the LegalPerson, answered by the wallet; the Verifier's status of the request.</summary>
    private async Task<JsonObject> PresentAsync()
    {
        var verifier = _stack["verifier"].BaseUrl;
        var request = await SendAsync(HttpMethod.Post, new Uri(verifier, "/api/presentation-requests"), _tokens.VerifierToken(), JsonNode.Parse(WalletCliTests.LegalPersonRequest));
        try
        {
            await _wallet.PresentAsync((string)request["authorization_request_uri"]!);
        }
        catch (WalletProtocolException refused) when (refused.Message.Contains("invalid_request", StringComparison.Ordinal))
        {
            // The Verifier refused the response (400): the request's status says why.
        }
        return await SendAsync(HttpMethod.Get, new Uri(verifier, $"/api/presentation-requests/{request["request_id"]}"), _tokens.VerifierToken());
    }

    private static IEnumerable<string?> Reasons(JsonObject status) => status["reasons"]?.AsArray().Select(r => (string?)r!["code"]) ?? [];

    [Fact]
    public async Task Issued_credential_is_accepted_then_refused_as_revoked_once_the_back_office_revokes_it()
    {
        var id = await ReceiveLegalPersonAsync();
        Assert.Equal("verified", (string?)(await PresentAsync())["status"]);

        await SendAsync(HttpMethod.Post, new Uri(_stack["issuer"].BaseUrl, $"/api/credentials/{id}/revoke"), _tokens.IssuerToken(), new { reason = "company dissolved" });
        await Task.Delay(Ttl * 2);

        var refused = await PresentAsync();
        Assert.Equal("rejected", (string?)refused["status"]);
        Assert.Contains("credential_revoked", Reasons(refused));
    }

    [Fact]
    public async Task Suspended_credential_is_refused_as_suspended_and_accepted_again_once_unsuspended()
    {
        var id = await ReceiveLegalPersonAsync();
        var issuer = _stack["issuer"].BaseUrl;

        await SendAsync(HttpMethod.Post, new Uri(issuer, $"/api/credentials/{id}/suspend"), _tokens.IssuerToken(), new { reason = "under review" });
        await Task.Delay(Ttl * 2);
        var suspended = await PresentAsync();
        await SendAsync(HttpMethod.Post, new Uri(issuer, $"/api/credentials/{id}/unsuspend"), _tokens.IssuerToken());
        await Task.Delay(Ttl * 2);

        Assert.Contains("credential_suspended", Reasons(suspended));
        Assert.Equal("verified", (string?)(await PresentAsync())["status"]);
    }
}
