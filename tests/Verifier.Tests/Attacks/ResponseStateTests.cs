using System.Net;
using System.Text.Json.Nodes;
using Verifier.Tests.Rules;
using Verifier.Tests.Support;

namespace Verifier.Tests.Attacks;

/// <summary>
/// Item 7 of issue 18 (Verifier part): whoever knows only a response URI cannot end the request for
/// the real wallet. A response that does not carry the request's <c>state</c> (or cannot be
/// decrypted) is refused without touching the request; the check comes before the claim.
/// </summary>
public sealed class ResponseStateTests(VerifierFixture fixture) : IClassFixture<VerifierFixture>
{
    private VerifierHost Verifier => fixture.Verifier;

    private static JsonObject Token(string presentation) => new() { ["legal_person"] = new JsonArray(presentation) };

    private async Task AssertStillAnswerableAsync(TestWallet wallet, WalletRequest request, string id)
    {
        Assert.Equal("retrieved", (string?)(await Verifier.StatusAsync(id))["status"]);
        var vp = wallet.PresentVcJwt(request, [Verifier.Issuer.IssueVcJwt("LegalPerson", Queries.LegalPersonSubject(), holderJwk: wallet.HolderJwk)]);
        using var real = request.ResponseMode == "direct_post.jwt"
            ? await wallet.PostEncryptedAsync(request, Token(vp))
            : await wallet.PostDirectAsync(request, Token(vp));
        Assert.True(real.StatusCode == HttpStatusCode.OK, await real.Content.ReadAsStringAsync());
        Assert.Equal("verified", (string?)(await Verifier.StatusAsync(id))["status"]);
    }

    [Fact]
    public async Task Response_with_a_wrong_state_does_not_end_the_request_for_the_real_wallet()
    {
        using var wallet = Verifier.NewWallet();
        using var attacker = Verifier.NewWallet();
        var (id, request) = await Verifier.StartAsync(wallet, Queries.Dcql(Queries.LegalPersonCredentialQuery()));
        var forged = attacker.PresentVcJwt(request, [Verifier.Issuer.IssueVcJwt("LegalPerson", Queries.LegalPersonSubject(), holderJwk: attacker.HolderJwk)]);
        using var wrong = await attacker.PostDirectAsync(request, Token(forged), state: "guessed-state");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal("invalid_request", (string?)JsonNode.Parse(await wrong.Content.ReadAsStringAsync())!["error"]);
        await AssertStillAnswerableAsync(wallet, request, id);
    }

    [Fact]
    public async Task Error_response_with_a_wrong_state_does_not_end_the_request()
    {
        using var wallet = Verifier.NewWallet();
        var (id, request) = await Verifier.StartAsync(wallet, Queries.Dcql(Queries.LegalPersonCredentialQuery()));
        using var forged = await Verifier.Client.PostAsync(new Uri(request.ResponseUri), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["error"] = "access_denied",
            ["state"] = "guessed-state",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        await AssertStillAnswerableAsync(wallet, request, id);
    }

    [Fact]
    public async Task Response_without_state_does_not_end_the_request()
    {
        using var wallet = Verifier.NewWallet();
        var (id, request) = await Verifier.StartAsync(wallet, Queries.Dcql(Queries.LegalPersonCredentialQuery()));
        using var forged = await Verifier.Client.PostAsync(new Uri(request.ResponseUri), new FormUrlEncodedContent(new Dictionary<string, string> { ["vp_token"] = "{}" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        await AssertStillAnswerableAsync(wallet, request, id);
    }

    [Fact]
    public async Task Undecryptable_response_does_not_end_an_encrypted_request()
    {
        using var wallet = Verifier.NewWallet();
        var (id, request) = await Verifier.StartAsync(wallet, Queries.Dcql(Queries.LegalPersonCredentialQuery()), responseMode: "direct_post.jwt");
        using var forged = await Verifier.Client.PostAsync(new Uri(request.ResponseUri), new FormUrlEncodedContent(new Dictionary<string, string> { ["response"] = "a.b.c.d.e" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        await AssertStillAnswerableAsync(wallet, request, id);
    }

    [Fact]
    public async Task Many_concurrent_wrong_state_responses_do_not_end_the_request()
    {
        using var wallet = Verifier.NewWallet();
        var (id, request) = await Verifier.StartAsync(wallet, Queries.Dcql(Queries.LegalPersonCredentialQuery()));
        var vp = wallet.PresentVcJwt(request, [Verifier.Issuer.IssueVcJwt("LegalPerson", Queries.LegalPersonSubject(), holderJwk: wallet.HolderJwk)]);
        var forged = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => wallet.PostDirectAsync(request, Token(vp), state: "guess-" + i)));
        Assert.All(forged, r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        foreach (var response in forged)
        {
            response.Dispose();
        }
        await AssertStillAnswerableAsync(wallet, request, id);
    }

    [Fact]
    public async Task Oversized_response_does_not_end_the_request_for_the_real_wallet()
    {
        using var wallet = Verifier.NewWallet();
        var (id, request) = await Verifier.StartAsync(wallet, Queries.Dcql(Queries.LegalPersonCredentialQuery()));
        // Over the default 512 KiB limit: the body cannot be read, so nothing in it proves knowledge of the request.
        using var forged = await Verifier.Client.PostAsync(new Uri(request.ResponseUri), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["vp_token"] = new string('a', 600 * 1024),
            ["state"] = "guessed-state",
        }));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, forged.StatusCode);
        await AssertStillAnswerableAsync(wallet, request, id);
    }
}
