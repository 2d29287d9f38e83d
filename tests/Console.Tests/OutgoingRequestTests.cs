using System.Text.RegularExpressions;

namespace GaiaX.Oid4vc.WebConsole.Tests;

/// <summary>
/// The console is a relying party's and an operator's client, nothing more: every request it sends is to a management
/// route, public metadata, the compliance assessment or readiness, never to a protocol, event or state endpoint.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class OutgoingRequestTests(ConsoleStack console)
{
    /// <summary>What the console may call: method and path (query strings aside).</summary>
    private static readonly (string Method, Regex Path)[] Allowed =
    [
        ("GET", Route("/.well-known/openid-credential-issuer")),
        ("POST", Route("/api/offers")),
        ("GET", Route("/api/offers/[^/]+(/qr\\.png)?")),
        ("GET", Route("/api/credentials")),
        ("POST", Route("/api/credentials/[^/]+/(revoke|suspend|unsuspend)")),
        ("POST", Route("/api/presentation-requests")),
        ("GET", Route("/api/presentation-requests/[^/]+(/qr\\.png)?")),
        ("POST", Route("/api/assessments")),
        ("GET", Route("/api/management/trust-list")),
        ("POST", Route("/api/management/trusted-issuers/[^/]+")),
        ("DELETE", Route("/api/management/trusted-issuers/[^/]+/[^/]+")),
        ("POST", Route("/api/management/trust-anchors")),
        ("DELETE", Route("/api/management/trust-anchors/[0-9A-Fa-f]{64}")),
        ("GET", Route("/readyz")),
    ];

    /// <summary>Protocol, event and state routes: only wallets, sidecars or the services themselves call them.</summary>
    private static readonly string[] Forbidden =
    [
        "/token", "/credential", "/deferred_credential", "/nonce", "/notification", "/par", "/authorize", "/challenge",
        "/credential-offer/", "/request/", "/response/", "/events/", "/dapr/", "/v1.0/", "/status-lists/",
    ];

    [Fact]
    public async Task Console_calls_only_management_metadata_assessment_and_readiness_routes()
    {
        await using (var session = await console.SignInAsync())
        {
            var page = session.Page;
            // An offer taken by a wallet, a request answered by one, and every other page: all the calls the console makes.
            await page.GoToAsync(console.Url("/Issue?configuration=LegalPerson_dc_sd_jwt"));
            await page.TypeAsync("#claim-0", "Example Cloud GmbH");
            await page.TypeAsync("#claim-1", "DE");
            await Task.WhenAll(page.WaitForNavigationAsync(), page.ClickAsync("#create-offer"));
            using (var wallet = console.NewWallet())
            {
                await wallet.ReceiveAsync(
                    await page.EvaluateExpressionAsync<string>("document.querySelector('#offer-uri').textContent"),
                    await page.EvaluateExpressionAsync<string>("document.querySelector('#tx-code').textContent"));
            }
            await page.WaitForFunctionAsync("() => document.querySelector('#offer-status-value')?.dataset.status === 'issued'");
            using (var wallet = await console.WalletWithLegalPersonAsync("Example Cloud GmbH"))
            {
                await page.GoToAsync(console.Url("/Verify?template=legal_person"));
                await Task.WhenAll(page.WaitForNavigationAsync(), page.ClickAsync("#create-request"));
                await wallet.PresentAsync(await page.EvaluateExpressionAsync<string>("document.querySelector('#request-uri').textContent"));
                await page.WaitForFunctionAsync("() => document.querySelector('#request-status-value')?.dataset.status === 'verified'");
            }
            foreach (var path in new[] { "/Credentials?subject_id=did:example:nobody", "/Trust", "/Health", "/Compliance" })
            {
                await page.GoToAsync(console.Url(path));
            }
            await page.TypeAsync("#presentation", "eyJhbGciOiJub25lIn0.e30.");
            await Task.WhenAll(page.WaitForNavigationAsync(), page.ClickAsync("#assess"));
        }

        var requests = console.Requests.All;
        var services = console.Stack.Services.Where(s => s.Name != "console").Select(s => s.BaseUrl.Authority).ToHashSet();
        Assert.Contains(requests, r => r.Url.AbsolutePath == "/api/offers");
        Assert.Contains(requests, r => r.Url.AbsolutePath == "/api/presentation-requests");
        Assert.Contains(requests, r => r.Url.AbsolutePath.StartsWith("/api/presentation-requests/", StringComparison.Ordinal));
        Assert.Contains(requests, r => r.Url.AbsolutePath == "/api/assessments");
        foreach (var (method, url) in requests)
        {
            Assert.Contains(url.Authority, services);
            Assert.True(
                Allowed.Any(a => a.Method == method.Method && a.Path.IsMatch(url.AbsolutePath)),
                $"The console called {method} {url}, which is not a public management, metadata, assessment or readiness route");
            Assert.DoesNotContain(Forbidden, f => url.AbsolutePath.StartsWith(f, StringComparison.Ordinal) || url.AbsolutePath == f.TrimEnd('/'));
        }
    }

    private static Regex Route(string pattern) => new("^" + pattern + "$", RegexOptions.CultureInvariant);
}
