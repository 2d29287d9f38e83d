using PuppeteerSharp;
using Xunit.Abstractions;

namespace GaiaX.Oid4vc.WebConsole.Tests;

/// <summary>The Issue page in a real browser: an offer made in the page, taken by the reference wallet, followed live.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class IssuePageTests(ConsoleStack console, ITestOutputHelper output)
{
    [Fact]
    public async Task Offer_created_in_the_page_turns_issued_without_a_reload_once_the_wallet_takes_it()
    {
        await using var session = await console.SignInAsync();
        var page = session.Page;
        await page.GoToAsync(console.Url("/Issue?configuration=LegalPerson_jwt_vc_json"));
        await FillClaimAsync(page, "Legal name", "Example Cloud GmbH");
        await FillClaimAsync(page, "Headquarters country", "DE");
        await FillClaimAsync(page, "Legal address country", "DE");
        await Task.WhenAll(page.WaitForNavigationAsync(), page.ClickAsync("#create-offer"));

        var offerUri = await page.EvaluateExpressionAsync<string>("document.querySelector('#offer-uri').textContent");
        var txCode = await page.EvaluateExpressionAsync<string>("document.querySelector('#tx-code').textContent");
        Assert.Equal("offered", await StatusAsync(page));
        // A mark on this document: a reload or a navigation would lose it.
        await page.EvaluateExpressionAsync("window.__notReloaded = true");
        output.WriteLine(await Screenshots.SaveAsync(page, "issue-offer-created"));

        using var wallet = console.NewWallet();
        await wallet.ReceiveAsync(offerUri, txCode);

        await page.WaitForFunctionAsync(
            "() => document.querySelector('#offer-status-value')?.dataset.status === 'issued'",
            new WaitForFunctionOptions { Timeout = 20_000 });
        Assert.True(await page.EvaluateExpressionAsync<bool>("window.__notReloaded === true"), "the page was reloaded");
        Assert.Contains("1 credential", await page.EvaluateExpressionAsync<string>("document.querySelector('#offer-status').textContent"));
        output.WriteLine(await Screenshots.SaveAsync(page, "issue-offer-issued"));
        Assert.Empty(session.Violations);
    }

    [Fact]
    public async Task Issuer_refusal_of_a_tx_code_length_is_shown_at_the_length_field()
    {
        await using var session = await console.SignInAsync();
        var page = session.Page;
        await page.GoToAsync(console.Url("/Issue?configuration=LegalPerson_jwt_vc_json"));
        await FillClaimAsync(page, "Legal name", "Example Cloud GmbH");
        await FillClaimAsync(page, "Headquarters country", "DE");
        await FillClaimAsync(page, "Legal address country", "DE");
        await page.EvaluateExpressionAsync("document.getElementById('tx_code.length').value = '3'");
        await Task.WhenAll(page.WaitForNavigationAsync(), page.ClickAsync("#create-offer"));

        var message = await page.EvaluateExpressionAsync<string>(
            "document.getElementById(document.getElementById('tx_code.length').getAttribute('aria-describedby')).textContent");
        Assert.Contains("must be between 4 and 12", message);
        Assert.Equal("true", await page.EvaluateExpressionAsync<string>("document.getElementById('tx_code.length').getAttribute('aria-invalid')"));
    }

    private static async Task FillClaimAsync(IPage page, string label, string value)
    {
        var id = await page.EvaluateFunctionAsync<string>(
            "label => [...document.querySelectorAll('label')].find(l => l.textContent.trim().startsWith(label)).htmlFor", label);
        await page.TypeAsync("#" + id, value);
    }

    private static Task<string> StatusAsync(IPage page) =>
        page.EvaluateExpressionAsync<string>("document.querySelector('#offer-status-value').dataset.status");
}
