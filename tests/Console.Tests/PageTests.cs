using Xunit.Abstractions;

namespace GaiaX.Oid4vc.WebConsole.Tests;

/// <summary>Every page in a real browser, on a desktop and on a phone-sized screen; each is kept as a screenshot.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class PageTests(ConsoleStack console, ITestOutputHelper output)
{
    public static TheoryData<string, string> Pages => new()
    {
        { "overview", "/" },
        { "issue", "/Issue" },
        { "verify", "/Verify" },
        { "credentials", "/Credentials" },
        { "compliance", "/Compliance" },
        { "trust", "/Trust" },
        { "health", "/Health" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_fits_a_phone_screen_labels_every_control_and_breaks_no_content_security_policy(string name, string path)
    {
        foreach (var (device, width, height) in new[] { ("desktop", 1280, 900), ("phone", 390, 844) })
        {
            await using var session = await console.SignInAsync(width, height);
            var page = session.Page;
            var response = await page.GoToAsync(console.Url(path));
            Assert.True(response.Ok, $"{path} answered {response.Status}");

            Assert.True(
                await page.EvaluateExpressionAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"),
                $"{path} scrolls sideways on a {width} px wide {device}");
            var unlabelled = await page.EvaluateExpressionAsync<string[]>("""
                [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
                  .filter(c => c.labels.length === 0 && !c.getAttribute('aria-label'))
                  .map(c => c.outerHTML)
                """);
            Assert.Empty(unlabelled);
            Assert.Equal(1, await page.EvaluateExpressionAsync<int>("document.querySelectorAll('h1').length"));
            Assert.Empty(session.Violations);
            output.WriteLine(await Screenshots.SaveAsync(page, $"{name}-{device}"));
        }
        output.WriteLine($"Screenshots: {Screenshots.Folder}");
    }

    [Fact]
    public async Task Browser_blocks_an_inline_handler_injected_into_a_page_and_reports_the_violation()
    {
        await using var session = await console.SignInAsync();
        var page = session.Page;
        await page.GoToAsync(console.Url("/Issue"));

        await page.EvaluateExpressionAsync(
            "document.body.insertAdjacentHTML('beforeend', '<img alt=\"\" src=\"/no-such-image\" onerror=\"window.__ran = true\">')");
        await Task.Delay(500);

        Assert.False(await page.EvaluateExpressionAsync<bool>("window.__ran === true"), "an inline event handler ran");
        Assert.NotEmpty(session.Violations);
    }

    [Fact]
    public async Task Keyboard_reaches_the_content_first_through_the_skip_link()
    {
        await using var session = await console.SignInAsync();
        var page = session.Page;
        await page.GoToAsync(console.Url("/Issue"));

        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to the content", await page.EvaluateExpressionAsync<string>("document.activeElement.textContent"));
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("main", await page.EvaluateExpressionAsync<string>("document.activeElement.id"));
    }

    [Fact]
    public async Task Credentials_page_revokes_an_issued_credential_with_its_reason()
    {
        var (_, offer) = await console.CallAsync("issuer", HttpMethod.Post, "/api/offers", System.Text.Json.Nodes.JsonNode.Parse("""
            {"credential_configuration_ids": ["LegalPerson_dc_sd_jwt"],
             "claims": {"LegalPerson_dc_sd_jwt": {"legal_name": "Revoked Ltd", "headquarters_country": "DE"}}}
            """));
        using (var wallet = console.NewWallet())
        {
            await wallet.ReceiveAsync((string)offer["offer_uri"]!, (string?)offer["tx_code"]);
        }
        await using var session = await console.SignInAsync();
        var page = session.Page;
        await page.GoToAsync(console.Url($"/Credentials?offer_id={offer["offer_id"]}"));
        Assert.Equal("valid", await page.EvaluateExpressionAsync<string>("document.querySelector('#credentials [data-status]').dataset.status"));

        await page.TypeAsync("#credentials input[name=reason]", "company dissolved");
        await Task.WhenAll(page.WaitForNavigationAsync(), page.ClickAsync("#credentials button[value=revoke]"));

        Assert.Equal("revoked", await page.EvaluateExpressionAsync<string>("document.querySelector('#credentials [data-status]').dataset.status"));
        Assert.Contains("company dissolved", await page.EvaluateExpressionAsync<string>("document.querySelector('#credentials').textContent"));
        output.WriteLine(await Screenshots.SaveAsync(page, "credentials-revoked"));
    }

    [Fact]
    public async Task Compliance_page_lists_every_failure_of_a_presentation_by_criterion()
    {
        await using var session = await console.SignInAsync();
        var page = session.Page;
        await page.GoToAsync(console.Url("/Compliance"));

        await page.TypeAsync("#presentation", "eyJhbGciOiJub25lIn0.e30.");
        await Task.WhenAll(page.WaitForNavigationAsync(), page.ClickAsync("#assess"));

        Assert.Equal("Not compliant", await page.EvaluateExpressionAsync<string>("document.querySelector('#report-heading').textContent"));
        Assert.True(await page.EvaluateExpressionAsync<int>("document.querySelectorAll('#failures tbody tr').length") > 0);
        output.WriteLine(await Screenshots.SaveAsync(page, "compliance-failures"));
    }

    [Fact]
    public async Task Trust_page_shows_the_Registrys_anchors_and_trusted_issuers()
    {
        var (_, list) = await console.CallAsync("registry", HttpMethod.Get, "/api/management/trust-list");
        await using var session = await console.SignInAsync();
        var page = session.Page;

        await page.GoToAsync(console.Url("/Trust"));

        var anchors = await page.EvaluateExpressionAsync<string>("document.querySelector('#trust-anchors').textContent");
        Assert.Contains((string)list["trust_anchors"]![0]!["sha256"]!, anchors);
        var notary = (string)list["trusted_issuers"]!["registration-notary"]![0]!;
        Assert.Contains(notary, await page.EvaluateExpressionAsync<string>("document.querySelector('#trusted-issuers').textContent"));
    }

    [Fact]
    public async Task Trust_page_refuses_a_certificate_that_is_not_a_CA_with_the_Registrys_reason_at_the_field()
    {
        await using var session = await console.SignInAsync();
        var page = session.Page;
        await page.GoToAsync(console.Url("/Trust"));

        await page.EvaluateExpressionAsync("document.getElementById('certificate').value = 'not a certificate'");
        await Task.WhenAll(page.WaitForNavigationAsync(), page.ClickAsync("form[aria-label='Add a trust anchor'] button"));

        Assert.Contains(
            "certificate must be one PEM certificate",
            await page.EvaluateExpressionAsync<string>("document.getElementById('error-certificate').textContent"));
    }

    [Fact]
    public async Task Health_page_shows_every_service_ready()
    {
        await using var session = await console.SignInAsync();
        var page = session.Page;

        await page.GoToAsync(console.Url("/Health"));

        var ready = await page.EvaluateExpressionAsync<string[]>(
            "[...document.querySelectorAll('#readiness tr[data-service]')].map(r => r.dataset.service + '=' + r.dataset.ready)");
        Assert.Equal(["issuer=true", "verifier=true", "notary=true", "compliance=true", "registry=true"], ready);
    }
}
