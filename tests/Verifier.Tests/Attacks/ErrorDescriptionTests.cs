using System.Net;
using System.Text.Json.Nodes;
using Verifier.Tests.Rules;
using Verifier.Tests.Support;

namespace Verifier.Tests.Attacks;

/// <summary>
/// Item 22 of issue 18: <c>error_description</c> keeps to RFC 6749 section 5.2's characters. The
/// Verifier's client checks every answer (<see cref="ErrorDescriptionCharset"/>); these tests provoke
/// descriptions that would otherwise carry a quote, a backslash or non-ASCII text.
/// </summary>
public sealed class ErrorDescriptionTests(VerifierFixture fixture) : IClassFixture<VerifierFixture>
{
    private VerifierHost Verifier => fixture.Verifier;

    private static async Task<string> DescriptionAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var description = (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error_description"];
        Assert.False(string.IsNullOrEmpty(description));
        Assert.True(ErrorDescriptionCharset.IsAllowed(description!), description);
        return description!;
    }

    [Fact]
    public async Task Missing_claim_is_described_without_quotation_marks()
    {
        using var wallet = Verifier.NewWallet();
        var (id, request) = await Verifier.StartAsync(wallet, Queries.Dcql(Queries.LegalPersonCredentialQuery()));
        var subject = Queries.LegalPersonSubject();
        subject.Remove("countryCode");
        var vp = wallet.PresentVcJwt(request, [Verifier.Issuer.IssueVcJwt("LegalPerson", subject, holderJwk: wallet.HolderJwk)]);
        using var response = await wallet.PostDirectAsync(request, new JsonObject { ["legal_person"] = new JsonArray(vp) });
        var description = await DescriptionAsync(response);
        Assert.Contains("countryCode", description, StringComparison.Ordinal);
        Assert.Equal("rejected", (string?)(await Verifier.StatusAsync(id))["status"]);
    }

    [Fact]
    public async Task Wallet_chosen_text_in_a_description_cannot_smuggle_forbidden_characters()
    {
        using var wallet = Verifier.NewWallet();
        var (_, request) = await Verifier.StartAsync(wallet, Queries.Dcql(Queries.LegalPersonCredentialQuery()));
        var vp = wallet.PresentVcJwt(request, [Verifier.Issuer.IssueVcJwt("LegalPerson", Queries.LegalPersonSubject(), holderJwk: wallet.HolderJwk)]);
        using var response = await wallet.PostDirectAsync(request, new JsonObject { ["qu\"ery\\\u00e9\u2028\n"] = new JsonArray(vp) });
        await DescriptionAsync(response);
    }

    [Fact]
    public async Task Request_object_errors_keep_the_charset_for_wallet_chosen_input()
    {
        var created = await Verifier.CreateRequestAsync(Queries.Request(Queries.Dcql(Queries.LegalPersonCredentialQuery()), method: "post"));
        using var response = await Verifier.Client.PostAsync(new Uri((string)created["request_uri"]!), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["wallet_nonce"] = "n\"\u00e9",
        }));
        await DescriptionAsync(response);
    }
}
