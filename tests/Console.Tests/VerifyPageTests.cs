using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.VcJwt;
using GaiaX.Oid4vc.DevHost.Onboarding;
using GaiaX.Oid4vc.Wallet;
using GaiaX.Oid4vc.Wallet.Participant;
using PuppeteerSharp;
using Xunit.Abstractions;

namespace GaiaX.Oid4vc.WebConsole.Tests;

/// <summary>The Verify page in a real browser: a request made in the page, answered by the reference wallet, followed live.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class VerifyPageTests(ConsoleStack console, ITestOutputHelper output)
{
    [Fact]
    public async Task Request_created_in_the_page_turns_verified_with_the_claims_once_the_wallet_presents()
    {
        using var wallet = await console.WalletWithLegalPersonAsync("Example Cloud GmbH");
        await using var session = await console.SignInAsync();
        var page = session.Page;
        await page.GoToAsync(console.Url("/Verify?template=legal_person"));
        await Task.WhenAll(page.WaitForNavigationAsync(), page.ClickAsync("#create-request"));
        Assert.Equal("pending", await page.EvaluateExpressionAsync<string>("document.querySelector('#request-status-value').dataset.status"));
        await page.EvaluateExpressionAsync("window.__notReloaded = true");
        var link = await page.EvaluateExpressionAsync<string>("document.querySelector('#request-uri').textContent");

        await wallet.PresentAsync(link);

        await page.WaitForFunctionAsync(
            "() => document.querySelector('#request-status-value')?.dataset.status === 'verified'",
            new WaitForFunctionOptions { Timeout = 20_000 });
        Assert.True(await page.EvaluateExpressionAsync<bool>("window.__notReloaded === true"), "the page was reloaded");
        var credential = await page.EvaluateExpressionAsync<string>("document.querySelector('.verified-credential').textContent");
        Assert.Contains("gx:legalName", credential);
        Assert.Contains("Example Cloud GmbH", credential);
        Assert.Contains("cnf.jwk", await page.EvaluateExpressionAsync<string>("document.querySelector('.holder-binding').textContent"));
        Assert.Contains("did:web:", await page.EvaluateExpressionAsync<string>("document.querySelector('.trust-chain').textContent"));
        Assert.Empty(session.Violations);
        output.WriteLine(await Screenshots.SaveAsync(page, "verify-verified"));
    }

    [Fact]
    public async Task Participant_presentation_with_compliance_shows_the_verdict_the_label_level_and_its_offer()
    {
        // The onboarding's first steps (README, "Quick start"): a registration number from the Notary, the participant's
        // self-issued LegalPerson and terms and conditions; the request for all three is made in the page.
        await using var didHost = await DidDocumentHost.StartAsync();
        var folder = Directory.CreateTempSubdirectory("console-participant-").FullName;
        using var participant = ParticipantIdentity.CreateDevelopment(
            didHost.BaseUrl, Path.Combine(folder, "participant"), Path.Combine(console.Stack.DataFolder, "dev-ca"), TimeProvider.System);
        didHost.Publish(participant.DidDocumentJson);
        using var anchor = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(console.Stack.DevelopmentCaCertificate));
        using var wallet = new ReferenceWallet(
            participant.HolderKey,
            participant.Did,
            new ReferenceWalletOptions { TrustAnchors = [anchor], AllowLoopback = true, DeferredTimeout = TimeSpan.FromSeconds(60) },
            TimeProvider.System);
        var company = OnboardingDemo.DemoCompany;
        var (status, offer) = await console.CallAsync("issuer", HttpMethod.Post, "/api/offers", JsonNode.Parse($$"""
            {"credential_configuration_ids": ["VatID"], "subject_id": "{{participant.Did}}#vat-id",
             "claims": {"VatID": {"gx:vatID": "{{company.VatId}}", "gx:countryCode": "{{company.CountryCode}}"} } }
            """));
        Assert.True(status == 201, offer.ToJsonString());
        await wallet.ReceiveAsync((string)offer["offer_uri"]!, (string?)offer["tx_code"]);
        var gaiax = new GaiaXCredentials(participant, new VcJwtIssuer(TimeProvider.System), TimeProvider.System);
        wallet.Store(gaiax.Sign(gaiax.LegalPerson(company.LegalName, participant.Did + "#vat-id", new GaiaXAddress(company.CountryCode))));
        wallet.Store(gaiax.Sign(gaiax.TermsAndConditions(company.TermsAndConditionsHash)));
        await using var session = await console.SignInAsync();
        var page = session.Page;
        await page.GoToAsync(console.Url("/Verify?template=gaiax_participant"));
        Assert.True(await page.EvaluateExpressionAsync<bool>("document.getElementById('compliance').checked"));

        await Task.WhenAll(page.WaitForNavigationAsync(), page.ClickAsync("#create-request"));
        await wallet.PresentAsync(await page.EvaluateExpressionAsync<string>("document.querySelector('#request-uri').textContent"));

        await page.WaitForFunctionAsync(
            "() => document.querySelector('#request-status')?.hasAttribute('hx-get') === false",
            new WaitForFunctionOptions { Timeout = 60_000 });
        var verdict = await page.EvaluateExpressionAsync<string>("document.querySelector('#compliance-verdict').textContent");
        Assert.Contains("Compliant: label SC", verdict);
        Assert.Contains(
            "openid-credential-offer://",
            await page.EvaluateExpressionAsync<string>("document.querySelector('#request-status').textContent"));
        Assert.True(await page.EvaluateExpressionAsync<int>("document.querySelectorAll('.verified-credential').length") > 0);
        output.WriteLine(await Screenshots.SaveAsync(page, "verify-compliant"));
    }

    [Fact]
    public async Task Dcql_mistake_shows_the_Verifiers_own_message_at_the_DCQL_field()
    {
        const string Mistaken = """
            {"credentials": [{"id": "legal_person", "format": "jwt_vc",
              "meta": {"type_values": [["https://w3id.org/gaia-x/development#LegalPerson"]]}}]}
            """;
        var (status, problem) = await console.CallAsync(
            "verifier", HttpMethod.Post, "/api/presentation-requests", new JsonObject { ["dcql_query"] = JsonNode.Parse(Mistaken) });
        Assert.Equal(400, status);
        var error = problem["errors"]!.AsArray().Single(e => (string?)e!["pointer"] == "/dcql_query/credentials/0/format")!;
        await using var session = await console.SignInAsync();
        var page = session.Page;
        await page.GoToAsync(console.Url("/Verify"));

        await page.EvaluateFunctionAsync("text => document.getElementById('dcql_query').value = text", Mistaken);
        await Task.WhenAll(page.WaitForNavigationAsync(), page.ClickAsync("#create-request"));

        var described = await page.EvaluateExpressionAsync<string>(
            "document.getElementById('dcql_query').getAttribute('aria-describedby')");
        var atField = await page.EvaluateFunctionAsync<string>(
            "ids => ids.split(' ').map(id => document.getElementById(id).textContent).join('\\n')", described);
        Assert.Contains("credentials/0/format: " + (string)error["detail"]!, atField);
        Assert.Equal("true", await page.EvaluateExpressionAsync<string>("document.getElementById('dcql_query').getAttribute('aria-invalid')"));
        Assert.Equal(0, await page.EvaluateExpressionAsync<int>("document.querySelectorAll('#request').length"));
        output.WriteLine(await Screenshots.SaveAsync(page, "verify-dcql-mistake"));
    }

    [Fact]
    public async Task Text_that_is_not_JSON_is_refused_at_the_DCQL_field_without_asking_the_Verifier()
    {
        await using var session = await console.SignInAsync();
        var page = session.Page;
        await page.GoToAsync(console.Url("/Verify"));
        var before = console.Requests.All.Count(r => r.Method == HttpMethod.Post);

        await page.EvaluateExpressionAsync("document.getElementById('dcql_query').value = '{\"credentials\": ['");
        await Task.WhenAll(page.WaitForNavigationAsync(), page.ClickAsync("#create-request"));

        Assert.Contains("not JSON", await page.EvaluateExpressionAsync<string>("document.getElementById('error-dcql_query').textContent"));
        Assert.Equal(before, console.Requests.All.Count(r => r.Method == HttpMethod.Post));
    }
}
