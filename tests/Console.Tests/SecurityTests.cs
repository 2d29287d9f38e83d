using System.Net;
using System.Text.RegularExpressions;
using GaiaX.Oid4vc.WebConsole.Security;

namespace GaiaX.Oid4vc.WebConsole.Tests;

/// <summary>The console's own defences over real HTTP: CSRF, the Content-Security-Policy, no token in a page, the sign-in.</summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class SecurityTests(ConsoleStack console)
{
    private static readonly string[] PagePaths = ["/", "/Issue", "/Verify", "/Credentials", "/Compliance", "/Trust", "/Health"];

    private static KeyValuePair<string, string>[] LegalPersonOffer =>
    [
        new("Form.Configuration", "LegalPerson_jwt_vc_json"),
        new("Form.Claims[0]", "Example Cloud GmbH"),
        new("Form.Claims[1]", "DE"),
        new("Form.Claims[2]", "DE"),
        new("Form.RequireTxCode", "true"),
        new("Form.TxCodeInputMode", "numeric"),
        new("Form.TxCodeLength", "6"),
    ];

    [Fact]
    public async Task Post_without_the_antiforgery_token_is_refused_with_400_and_creates_nothing()
    {
        using var session = await ConsoleHttpSession.SignInAsync(console.ConsoleUrl);
        var offersBefore = console.Requests.All.Count(r => r.Method == HttpMethod.Post && r.Url.AbsolutePath == "/api/offers");

        using var forged = await session.PostAsync("/Issue", LegalPersonOffer);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(offersBefore, console.Requests.All.Count(r => r.Method == HttpMethod.Post && r.Url.AbsolutePath == "/api/offers"));
        var (_, page) = await session.GetAsync("/Issue?configuration=LegalPerson_jwt_vc_json");
        using var genuine = await session.PostFormAsync("/Issue", page, LegalPersonOffer);
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
    }

    [Fact]
    public async Task Antiforgery_token_of_another_session_is_refused_with_400()
    {
        using var other = await ConsoleHttpSession.SignInAsync(console.ConsoleUrl);
        var (_, otherPage) = await other.GetAsync("/Issue?configuration=LegalPerson_jwt_vc_json");
        using var session = await ConsoleHttpSession.SignInAsync(console.ConsoleUrl);

        using var forged = await session.PostFormAsync("/Issue", otherPage, LegalPersonOffer);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [Fact]
    public async Task Every_page_carries_the_strict_content_security_policy_and_no_inline_script_or_style()
    {
        using var session = await ConsoleHttpSession.SignInAsync(console.ConsoleUrl);
        foreach (var path in PagePaths.Append("/signin"))
        {
            var (response, body) = await session.GetAsync(path);

            var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
            Assert.Equal(SecurityHeaders.ContentSecurityPolicy, policy);
            Assert.Contains("script-src 'self'", policy);
            Assert.Contains("style-src 'self'", policy);
            Assert.Contains("frame-ancestors 'none'", policy);
            Assert.DoesNotContain("unsafe", policy);
            Assert.Empty(InlineScript().Matches(body));
            Assert.DoesNotContain("<style", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(" style=", body, StringComparison.OrdinalIgnoreCase);
            Assert.False(OnHandler().IsMatch(body), $"{path} has an inline event handler");
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        }
    }

    [Fact]
    public async Task No_management_token_appears_in_any_page_the_console_renders()
    {
        using var session = await ConsoleHttpSession.SignInAsync(console.ConsoleUrl);
        foreach (var path in PagePaths)
        {
            await session.GetAsync(path);
        }
        var (_, issue) = await session.GetAsync("/Issue?configuration=LegalPerson_jwt_vc_json");
        using var offer = await session.PostFormAsync("/Issue", issue, LegalPersonOffer);
        var offerId = OfferStatusId().Match(session.Bodies[^1]).Groups[1].Value;
        await session.GetAsync($"/Issue?handler=Status&id={offerId}");
        var (_, verify) = await session.GetAsync("/Verify");
        using var request = await session.PostFormAsync("/Verify", verify, [
            new("Form.DcqlQuery", Presentation.DcqlTemplates.All("https://issuer.example/types/x")[0].DcqlQuery),
            new("Form.ResponseMode", "direct_post"),
        ]);

        Assert.NotEmpty(console.MintedTokens);
        Assert.NotEmpty(offerId);
        foreach (var body in session.Bodies)
        {
            Assert.DoesNotContain("Bearer", body, StringComparison.Ordinal);
            foreach (var token in console.MintedTokens)
            {
                Assert.DoesNotContain(token, body, StringComparison.Ordinal);
                // Nor any one of its three parts (a page must not carry the signature or the claims either).
                Assert.All(token.Split('.'), part => Assert.DoesNotContain(part, body, StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public async Task Anonymous_request_for_a_page_is_sent_to_the_sign_in()
    {
        using var anonymous = new ConsoleHttpSession(console.ConsoleUrl);
        foreach (var path in PagePaths)
        {
            var (response, _) = await anonymous.GetAsync(path);

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/signin", response.Headers.Location!.AbsolutePath);
        }
    }

    [Fact]
    public async Task Live_status_request_after_the_session_ended_sends_the_whole_page_to_the_sign_in()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = console.ConsoleUrl };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Issue?handler=Status&id=anything");
        request.Headers.Add("HX-Request", "true");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("/signin?ReturnUrl=", Assert.Single(response.Headers.GetValues("HX-Redirect")));
        Assert.DoesNotContain("<html", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex("<[a-z]+[^>]*\\son[a-z]+=", RegexOptions.IgnoreCase)]
    private static partial Regex OnHandler();

    [GeneratedRegex("handler=Status&amp;id=([A-Za-z0-9_-]+)")]
    private static partial Regex OfferStatusId();
}
