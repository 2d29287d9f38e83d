using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.DevHost.Onboarding;
using GaiaX.Oid4vc.Testing;
using Xunit.Abstractions;

namespace EndToEnd.Tests;

/// <summary>
/// What the README and DevHost tell a user to do with the reference wallet CLI, done by the real CLI in
/// its own process against a whole DevHost stack: receive the printed offer, list, and present to the
/// Verifier through presentation requests made with the management API, until the request is final.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class WalletCliTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>
    /// The README's jwt_vc_json example for the VatID credential DevHost offers at start-up. That credential
    /// names the placeholder subject did:web:participant.example (the Notary prepares it before any wallet
    /// shows up), which the CLI's did:jwk holder cannot prove to be: the query waives holder binding.
    /// </summary>
    public const string VatIdRequest = """
        {
          "dcql_query": {
            "credentials": [
              {
                "id": "vat_id",
                "format": "jwt_vc_json",
                "require_cryptographic_holder_binding": false,
                "meta": { "type_values": [["https://w3id.org/gaia-x/development#VatID"]] },
                "claims": [{ "path": ["credentialSubject", "gx:vatID"] }]
              }
            ]
          }
        }
        """;

    /// <summary>The README's jwt_vc_json example for the built-in LegalPerson credential.</summary>
    public const string LegalPersonRequest = """
        {
          "dcql_query": {
            "credentials": [
              {
                "id": "legal_person",
                "format": "jwt_vc_json",
                "meta": { "type_values": [["https://w3id.org/gaia-x/development#LegalPerson"]] },
                "claims": [{ "path": ["credentialSubject", "gx:legalName"] }]
              }
            ]
          }
        }
        """;

    /// <summary>
    /// The README's dc+sd-jwt example for the built-in LegalPerson SD-JWT VC (discloses only legal_name); its vct is the
    /// type metadata URL of the Issuer (<c>{ISSUER}</c>, http://127.0.0.1:5101 in the README).
    /// </summary>
    public const string LegalPersonSdJwtRequest = """
        {
          "dcql_query": {
            "credentials": [
              {
                "id": "legal_person",
                "format": "dc+sd-jwt",
                "meta": { "vct_values": ["{ISSUER}/types/LegalPerson_dc_sd_jwt"] },
                "claims": [{ "path": ["legal_name"] }]
              }
            ]
          }
        }
        """;

    /// <summary>A request the wallet cannot answer (it holds no EORI credential), encrypted response mode.</summary>
    public const string EoriRequest = """
        {
          "response_mode": "direct_post.jwt",
          "dcql_query": {
            "credentials": [
              {
                "id": "eori",
                "format": "jwt_vc_json",
                "meta": { "type_values": [["https://w3id.org/gaia-x/development#EORI"]] }
              }
            ]
          }
        }
        """;

    private const string LegalPersonOffer = """
        {
          "credential_configuration_ids": ["LegalPerson_jwt_vc_json", "LegalPerson_dc_sd_jwt"],
          "claims": {
            "LegalPerson_jwt_vc_json": {
              "gx:legalName": "Example Cloud GmbH",
              "gx:headquartersAddress": { "gx:countryCode": "DE" },
              "gx:legalAddress": { "gx:countryCode": "DE" }
            },
            "LegalPerson_dc_sd_jwt": { "legal_name": "Example Cloud GmbH", "headquarters_country": "DE", "legal_address_country": "DE" }
          }
        }
        """;

    private readonly string _home = Directory.CreateTempSubdirectory("gaiax-cli-").FullName;

    private string Wallet => Path.Combine(_home, "wallet");

    private static string DevelopmentCa => Path.Combine(OnboardingHarness.DevelopmentCaFolder, "ca.crt");

    [Fact]
    public async Task Cli_receives_the_offer_DevHost_prints_and_presents_the_VatID_as_jwt_vc_json_until_verified()
    {
        await using var world = await OnboardingHarness.StartAsync();
        var (offerUri, txCode) = await PrintedOfferAsync(world);

        var received = await Cli("receive", offerUri, "--tx-code", txCode, "--allow-loopback", "--wallet", Wallet);
        Assert.True(received.ExitCode == 0, received.ToString());
        Assert.Contains(
            "stored jwt_vc_json [https://www.w3.org/2018/credentials#VerifiableCredential, https://w3id.org/gaia-x/development#VatID] in ",
            received.Out,
            StringComparison.Ordinal);
        var listed = await Cli("list", "--wallet", Wallet);
        Assert.True(listed.ExitCode == 0, listed.ToString());
        Assert.Contains("\"gx:vatID\": \"DE812345673\"", listed.Out, StringComparison.Ordinal);

        var status = await PresentAsync(world, VatIdRequest, expectedExitCode: 0);

        Assert.True((string?)status["status"] == "verified", status.ToJsonString());
    }

    [Fact]
    public async Task Cli_presents_an_issuer_signed_LegalPerson_as_jwt_vc_json_until_verified()
    {
        await using var world = await OnboardingHarness.StartAsync();
        await ReceiveLegalPersonAsync(world);

        var status = await PresentAsync(world, LegalPersonRequest, expectedExitCode: 0);

        Assert.True((string?)status["status"] == "verified", status.ToJsonString());
    }

    [Fact]
    public async Task Cli_presents_an_issuer_signed_LegalPerson_as_dc_sd_jwt_until_verified()
    {
        await using var world = await OnboardingHarness.StartAsync();
        await ReceiveLegalPersonAsync(world);

        var issuer = world.Stack["issuer"].BaseUrl.ToString().TrimEnd('/');
        var status = await PresentAsync(world, LegalPersonSdJwtRequest.Replace("{ISSUER}", issuer, StringComparison.Ordinal), expectedExitCode: 0);

        Assert.True((string?)status["status"] == "verified", status.ToJsonString());
    }

    [Fact]
    public async Task Cli_refusing_a_request_it_cannot_answer_tells_the_verifier_and_the_request_is_rejected_at_once()
    {
        await using var world = await OnboardingHarness.StartAsync();
        await ReceiveLegalPersonAsync(world);

        var (id, link) = await CreateRequestAsync(world, EoriRequest);
        var presented = await Cli("present", link, "--allow-loopback", "--wallet", Wallet, "--trust-ca", DevelopmentCa);

        Assert.Equal(1, presented.ExitCode);
        Assert.Equal(
            "refused: told the verifier error=access_denied, error_description=The wallet holds no credentials that satisfy the DCQL query."
                + Environment.NewLine,
            presented.Error);
        var status = await StatusAsync(world, id);
        Assert.True((string?)status["status"] == "rejected", status.ToJsonString());
        var reason = Assert.Single(status["reasons"]!.AsArray())!;
        Assert.Equal("wallet_error", (string?)reason["code"]);
        Assert.Equal(
            "the wallet answered access_denied: The wallet holds no credentials that satisfy the DCQL query.",
            (string?)reason["description"]);
    }

    [Fact]
    public async Task Cli_declining_a_request_tells_the_verifier_and_the_request_is_rejected_at_once()
    {
        await using var world = await OnboardingHarness.StartAsync();
        await ReceiveLegalPersonAsync(world);

        var (id, link) = await CreateRequestAsync(world, LegalPersonRequest);
        var declined = await Cli("decline", link, "--allow-loopback", "--wallet", Wallet, "--trust-ca", DevelopmentCa);

        Assert.Equal(1, declined.ExitCode);
        Assert.Equal(
            "declined: told the verifier error=access_denied, error_description=The user declined to share the requested credentials. "
                + "(it answered 200)" + Environment.NewLine,
            declined.Out);
        var status = await StatusAsync(world, id);
        Assert.True((string?)status["status"] == "rejected", status.ToJsonString());
        Assert.Equal(
            "the wallet answered access_denied: The user declined to share the requested credentials.",
            (string?)Assert.Single(status["reasons"]!.AsArray())!["description"]);
    }

    [Fact]
    public async Task Cli_does_not_answer_a_request_whose_signer_it_does_not_trust()
    {
        await using var world = await OnboardingHarness.StartAsync();
        await ReceiveLegalPersonAsync(world);
        var otherCa = Path.Combine(_home, "other-ca.crt");
        using (var ca = TestPki.CreateRoot("Other CA", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30)))
        {
            await File.WriteAllTextAsync(otherCa, ca.ExportCertificatePem());
        }

        var (id, link) = await CreateRequestAsync(world, LegalPersonRequest);
        var presented = await Cli("present", link, "--allow-loopback", "--wallet", Wallet, "--trust-ca", otherCa);

        Assert.Equal(1, presented.ExitCode);
        Assert.StartsWith("error: invalid_request_object", presented.Error, StringComparison.Ordinal);
        // The response_uri of an unverified request may be anyone's: the wallet posts nothing to it.
        var status = await StatusAsync(world, id);
        Assert.True((string?)status["status"] == "retrieved", status.ToJsonString());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private async Task<WalletCliRun> Cli(params string[] args)
    {
        var run = await WalletCli.RunAsync(_home, args);
        output.WriteLine($"$ gaiax-wallet {string.Join(' ', args)}");
        output.WriteLine(run.ToString());
        return run;
    }

    /// <summary>The offer URI and tx_code from what DevHost prints at start-up (the README's first wallet step).</summary>
    private static async Task<(string OfferUri, string TxCode)> PrintedOfferAsync(OnboardingHarness world)
    {
        using var printed = new StringWriter();
        await OnboardingDemo.PrintWalletStartAsync(world.Stack, world.Tokens, printed);
        var lines = printed.ToString().Split('\n').Select(l => l.Trim()).ToList();
        var offerUri = lines.First(l => l.StartsWith("openid-credential-offer://", StringComparison.Ordinal));
        var txCode = lines.First(l => l.StartsWith("transaction code (tx_code): ", StringComparison.Ordinal))["transaction code (tx_code): ".Length..];
        return (offerUri, txCode);
    }

    private async Task ReceiveLegalPersonAsync(OnboardingHarness world)
    {
        using var http = new HttpClient();
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(world.Stack["issuer"].BaseUrl, "/api/offers"))
        {
            Content = new StringContent(LegalPersonOffer, Encoding.UTF8, "application/json"),
        };
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", world.Tokens.IssuerToken());
        using var response = await http.SendAsync(message);
        var created = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.StatusCode == HttpStatusCode.Created, created.ToJsonString());

        var received = await Cli("receive", (string)created["offer_uri"]!, "--allow-loopback", "--wallet", Wallet);

        Assert.True(received.ExitCode == 0, received.ToString());
        var issuer = world.Stack["issuer"].BaseUrl.ToString().TrimEnd('/');
        Assert.Contains($"stored dc+sd-jwt [{issuer}/types/LegalPerson_dc_sd_jwt] in ", received.Out, StringComparison.Ordinal);
    }

    /// <summary>Creates a request with <paramref name="body"/>, presents its link with the CLI and returns the final status.</summary>
    private async Task<JsonObject> PresentAsync(OnboardingHarness world, string body, int expectedExitCode)
    {
        var (id, link) = await CreateRequestAsync(world, body);
        var presented = await Cli("present", link, "--allow-loopback", "--wallet", Wallet, "--trust-ca", DevelopmentCa);
        Assert.True(presented.ExitCode == expectedExitCode, presented.ToString());
        Assert.Equal("the verifier answered 200" + Environment.NewLine, presented.Out);
        return await FinalStatusAsync(world, id);
    }

    private static async Task<(string Id, string Link)> CreateRequestAsync(OnboardingHarness world, string body)
    {
        using var http = new HttpClient();
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(world.Stack["verifier"].BaseUrl, "/api/presentation-requests"))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", world.Tokens.VerifierToken());
        using var response = await http.SendAsync(message);
        var created = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.StatusCode == HttpStatusCode.Created, created.ToJsonString());
        return ((string)created["request_id"]!, (string)created["authorization_request_uri"]!);
    }

    private static async Task<JsonObject> StatusAsync(OnboardingHarness world, string id)
    {
        using var http = new HttpClient();
        using var message = new HttpRequestMessage(
            HttpMethod.Get,
            new Uri(world.Stack["verifier"].BaseUrl, "/api/presentation-requests/" + Uri.EscapeDataString(id)));
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", world.Tokens.VerifierToken());
        using var response = await http.SendAsync(message);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    [Fact]
    public async Task Cli_list_with_status_reads_each_credentials_status_at_its_issuers_lists()
    {
        await using var world = await OnboardingHarness.StartAsync();
        await ReceiveLegalPersonAsync(world);

        var listed = await Cli("list", "--status", "--allow-loopback", "--trust-ca", DevelopmentCa, "--wallet", Wallet);

        Assert.True(listed.ExitCode == 0, listed.ToString());
        // Both LegalPerson credentials (jwt_vc_json and dc+sd-jwt) name the Issuer's lists, which say valid.
        Assert.Equal(2, listed.Out.Split(Environment.NewLine).Count(l => l.Contains("(status: valid):", StringComparison.Ordinal)));
        var refused = await Cli("receive", "openid-credential-offer://?credential_offer_uri=x", "--status", "--wallet", Wallet);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--status belongs to list", refused.Error, StringComparison.Ordinal);
    }

    /// <summary>Polls the status (bounded) until the request leaves created/retrieved.</summary>
    private static async Task<JsonObject> FinalStatusAsync(OnboardingHarness world, string id)
    {
        var status = await StatusAsync(world, id);
        for (var i = 0; i < 150 && (string?)status["status"] is "pending" or "retrieved" or "processing"; i++)
        {
            await Task.Delay(200);
            status = await StatusAsync(world, id);
        }
        return status;
    }
}
