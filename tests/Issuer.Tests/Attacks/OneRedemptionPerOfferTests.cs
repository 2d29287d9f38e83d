using System.Net;

namespace Issuer.Tests.Attacks;

/// <summary>
/// Item 2 of issue 18: an offer is redeemed once, whichever grant wins, in whatever order and
/// however many requests arrive together.
/// </summary>
public sealed class OneRedemptionPerOfferTests(IssuerFixture fixture) : IClassFixture<IssuerFixture>
{
    [Fact]
    public async Task Offer_redeemed_by_its_pre_authorized_code_refuses_authorization_codes_obtained_before()
    {
        using var attacker = new Attacker(fixture);
        var (_, offer, _) = await attacker.OfferAsync(txCode: false);
        var first = await attacker.AuthorizationCodeAsync(Attacker.IssuerState(offer)!);
        var second = await attacker.AuthorizationCodeAsync(Attacker.IssuerState(offer)!, clientId: "other-wallet");
        Assert.NotNull(first.Code);
        Assert.NotNull(second.Code);

        Assert.True((await attacker.PreAuthorizedTokenAsync(Attacker.PreAuthorizedCode(offer), null)).Ok);
        Assert.Equal("invalid_grant", (await attacker.AuthorizationCodeTokenAsync(first.Code, first.Verifier)).Error);
        Assert.Equal("invalid_grant", (await attacker.AuthorizationCodeTokenAsync(second.Code, second.Verifier, "other-wallet")).Error);
    }

    [Fact]
    public async Task Offer_redeemed_by_an_authorization_code_refuses_its_pre_authorized_code_and_other_authorization_codes()
    {
        using var attacker = new Attacker(fixture);
        var (_, offer, _) = await attacker.OfferAsync(txCode: false);
        var first = await attacker.AuthorizationCodeAsync(Attacker.IssuerState(offer)!);
        var second = await attacker.AuthorizationCodeAsync(Attacker.IssuerState(offer)!);

        Assert.True((await attacker.AuthorizationCodeTokenAsync(first.Code!, first.Verifier)).Ok);
        Assert.Equal("invalid_grant", (await attacker.AuthorizationCodeTokenAsync(second.Code!, second.Verifier)).Error);
        Assert.Equal("invalid_grant", (await attacker.PreAuthorizedTokenAsync(Attacker.PreAuthorizedCode(offer), null)).Error);
    }

    [Fact]
    public async Task Offer_redeemed_once_denies_further_authorization_requests_with_its_issuer_state()
    {
        using var attacker = new Attacker(fixture);
        var (_, offer, _) = await attacker.OfferAsync(txCode: false);
        Assert.True((await attacker.PreAuthorizedTokenAsync(Attacker.PreAuthorizedCode(offer), null)).Ok);
        var (code, _, response) = await attacker.AuthorizationCodeAsync(Attacker.IssuerState(offer)!);
        Assert.Null(code);
        Assert.Equal("access_denied", response["error"]);
    }

    [Fact]
    public async Task Fifty_concurrent_token_requests_mixing_grants_for_one_offer_yield_exactly_one_access_token()
    {
        using var attacker = new Attacker(fixture);
        var (_, offer, _) = await attacker.OfferAsync(txCode: false);
        var codes = new List<(string? Code, string Verifier, Dictionary<string, string> Response)>();
        for (var i = 0; i < 25; i++)
        {
            codes.Add(await attacker.AuthorizationCodeAsync(Attacker.IssuerState(offer)!));
        }
        Assert.All(codes, c => Assert.NotNull(c.Code));
        var preAuthorizedCode = Attacker.PreAuthorizedCode(offer);

        var answers = await Attacker.AllAtOnceAsync(50, i => i % 2 == 0
            ? attacker.PreAuthorizedTokenAsync(preAuthorizedCode, null)
            : attacker.AuthorizationCodeTokenAsync(codes[i / 2].Code!, codes[i / 2].Verifier));

        Assert.Single(answers, a => a.Ok);
        Assert.All(answers.Where(a => !a.Ok), a =>
        {
            Assert.Equal(HttpStatusCode.BadRequest, a.Status);
            Assert.Equal("invalid_grant", a.Error);
        });
    }
}
