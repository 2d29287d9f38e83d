using System.Net;

namespace Issuer.Tests.Attacks;

/// <summary>Every single-use artefact of the grant paths, used by fifty requests at once: exactly one succeeds.</summary>
public sealed class SingleUseArtefactTests(IssuerFixture fixture) : IClassFixture<IssuerFixture>
{
    [Fact]
    public async Task Fifty_concurrent_uses_of_a_pre_authorized_code_with_tx_code_yield_exactly_one_access_token()
    {
        using var attacker = new Attacker(fixture);
        var (_, offer, txCode) = await attacker.OfferAsync(txCode: true);
        var answers = await Attacker.AllAtOnceAsync(50, _ => attacker.PreAuthorizedTokenAsync(Attacker.PreAuthorizedCode(offer), txCode));
        Assert.Single(answers, a => a.Ok);
        Assert.All(answers.Where(a => !a.Ok), a => Assert.Equal("invalid_grant", a.Error));
    }

    [Fact]
    public async Task Fifty_concurrent_uses_of_a_pre_authorized_code_without_tx_code_yield_exactly_one_access_token()
    {
        using var attacker = new Attacker(fixture);
        var (_, offer, _) = await attacker.OfferAsync(txCode: false);
        var answers = await Attacker.AllAtOnceAsync(50, _ => attacker.PreAuthorizedTokenAsync(Attacker.PreAuthorizedCode(offer), null));
        Assert.Single(answers, a => a.Ok);
        Assert.All(answers.Where(a => !a.Ok), a => Assert.Equal("invalid_grant", a.Error));
    }

    [Fact]
    public async Task Fifty_concurrent_uses_of_an_authorization_code_yield_exactly_one_access_token()
    {
        using var attacker = new Attacker(fixture);
        var (_, offer, _) = await attacker.OfferAsync(txCode: false);
        var (code, verifier, _) = await attacker.AuthorizationCodeAsync(Attacker.IssuerState(offer)!);
        var answers = await Attacker.AllAtOnceAsync(50, _ => attacker.AuthorizationCodeTokenAsync(code!, verifier));
        Assert.Single(answers, a => a.Ok);
        Assert.All(answers.Where(a => !a.Ok), a => Assert.Equal("invalid_grant", a.Error));
    }

    [Fact]
    public async Task Fifty_concurrent_uses_of_a_pushed_request_uri_yield_exactly_one_authorization_code()
    {
        using var attacker = new Attacker(fixture);
        var (_, offer, _) = await attacker.OfferAsync(txCode: false);
        var (_, challenge) = Attacker.Pkce();
        var par = await attacker.PushAsync(challenge, Attacker.IssuerState(offer));
        var answers = await Attacker.AllAtOnceAsync(50, _ => attacker.AuthorizePushedAsync(par.Get("request_uri")!));
        Assert.Single(answers, a => a.Status == HttpStatusCode.Redirect && a.Parameters.ContainsKey("code"));
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Redirect), a => Assert.Equal("invalid_request_uri", a.Parameters["error"]));
    }

    [Fact]
    public async Task Fifty_concurrent_uses_of_a_refresh_token_yield_exactly_one_access_token()
    {
        using var attacker = new Attacker(fixture);
        var (_, offer, _) = await attacker.OfferAsync(txCode: false);
        var first = await attacker.PreAuthorizedTokenAsync(Attacker.PreAuthorizedCode(offer), null);
        var answers = await Attacker.AllAtOnceAsync(50, _ => attacker.RefreshAsync(first.Get("refresh_token")!));
        Assert.Single(answers, a => a.Ok);
        Assert.All(answers.Where(a => !a.Ok), a => Assert.Equal("invalid_grant", a.Error));
    }
}
