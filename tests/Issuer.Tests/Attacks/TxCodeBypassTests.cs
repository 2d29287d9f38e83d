using System.Net;

namespace Issuer.Tests.Attacks;

/// <summary>
/// Item 1 of issue 18: whoever sees an offer's URI or QR code must not get its credential without
/// the transaction code, by any grant. Each grant path of an offer with and without a tx_code.
/// </summary>
public sealed class TxCodeBypassTests(IssuerFixture fixture) : IClassFixture<IssuerFixture>
{
    [Fact]
    public async Task Offer_with_tx_code_carries_only_the_pre_authorized_code_grant()
    {
        using var attacker = new Attacker(fixture);
        var (offerId, created, _) = await attacker.OfferAsync(txCode: true);
        var published = await attacker.PublicOfferAsync(offerId);
        foreach (var offer in new[] { created, published })
        {
            var grants = offer["grants"]!.AsObject();
            Assert.Equal([TestWallet.PreAuthorizedGrant], grants.Select(g => g.Key));
            Assert.NotNull(grants[TestWallet.PreAuthorizedGrant]!["tx_code"]);
        }
    }

    [Fact]
    public async Task Offer_with_tx_code_cannot_be_redeemed_through_issuer_state_without_the_code()
    {
        using var attacker = new Attacker(fixture);
        var (offerId, _, _) = await attacker.OfferAsync(txCode: true);
        // From the offer while it carried one, or learnt otherwise (an offer created before this rule).
        var issuerState = Attacker.IssuerState(await attacker.PublicOfferAsync(offerId)) ?? await attacker.StoredIssuerStateAsync(offerId);

        var (code, verifier, response) = await attacker.AuthorizationCodeAsync(issuerState, clientId: "any-client");
        Assert.Null(code);
        Assert.Equal("access_denied", response["error"]);

        // And nothing at /token or /credential either way.
        if (code is not null)
        {
            var token = await attacker.AuthorizationCodeTokenAsync(code, verifier, "any-client");
            Assert.False(token.Ok);
        }
        var status = await fixture.OfferStatusAsync(offerId);
        Assert.Equal("offered", status!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Offer_with_tx_code_refuses_the_pre_authorized_code_without_or_with_a_wrong_tx_code()
    {
        using var attacker = new Attacker(fixture);
        var (_, offer, txCode) = await attacker.OfferAsync(txCode: true);
        var code = Attacker.PreAuthorizedCode(offer);

        var without = await attacker.PreAuthorizedTokenAsync(code, null);
        Assert.Equal(HttpStatusCode.BadRequest, without.Status);
        Assert.Equal("invalid_request", without.Error);
        var empty = await attacker.PreAuthorizedTokenAsync(code, string.Empty);
        Assert.False(empty.Ok);
        var wrong = await attacker.PreAuthorizedTokenAsync(code, txCode == "000000" ? "111111" : "000000");
        Assert.Equal("invalid_grant", wrong.Error);

        // The holder of the code still gets the one token.
        var right = await attacker.PreAuthorizedTokenAsync(code, txCode);
        Assert.True(right.Ok, right.Body?.ToJsonString());
    }

    [Fact]
    public async Task Offer_without_tx_code_is_redeemable_by_either_grant()
    {
        using var attacker = new Attacker(fixture);
        var (_, byCode, _) = await attacker.OfferAsync(txCode: false);
        Assert.True((await attacker.PreAuthorizedTokenAsync(Attacker.PreAuthorizedCode(byCode), null)).Ok);

        var (_, byState, _) = await attacker.OfferAsync(txCode: false);
        var (code, verifier, _) = await attacker.AuthorizationCodeAsync(Attacker.IssuerState(byState)!);
        Assert.NotNull(code);
        var token = await attacker.AuthorizationCodeTokenAsync(code, verifier);
        Assert.True(token.Ok, token.Body?.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, await attacker.CredentialAsync(token.Get("access_token")!));
    }
}

/// <summary>Item 1 on the path without PAR: <c>GET /authorize</c> with the parameters in the query.</summary>
public sealed class TxCodeBypassWithoutParTests(DirectAuthorizeFixture direct) : IClassFixture<DirectAuthorizeFixture>
{
    [Fact]
    public async Task Offer_with_tx_code_cannot_be_authorized_directly_at_authorize_with_its_issuer_state()
    {
        var fixture = direct.Issuer;
        using var attacker = new Attacker(fixture);
        var (offerId, _, _) = await attacker.OfferAsync(txCode: true);
        var issuerState = await attacker.StoredIssuerStateAsync(offerId);
        var (_, challenge) = Attacker.Pkce();
        var (status, parameters) = await attacker.AuthorizeAsync(
            $"response_type=code&client_id=any-client&redirect_uri={Uri.EscapeDataString(Attacker.RedirectUri)}&code_challenge={challenge}&code_challenge_method=S256&scope=gx.LegalPerson&issuer_state={Uri.EscapeDataString(issuerState)}");
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal("access_denied", parameters["error"]);
        Assert.False(parameters.ContainsKey("code"));
    }

    [Fact]
    public async Task Offer_without_tx_code_can_be_authorized_directly_at_authorize_with_its_issuer_state()
    {
        var fixture = direct.Issuer;
        using var attacker = new Attacker(fixture);
        var (_, offer, _) = await attacker.OfferAsync(txCode: false);
        var (_, challenge) = Attacker.Pkce();
        var (status, parameters) = await attacker.AuthorizeAsync(
            $"response_type=code&client_id=test-wallet&redirect_uri={Uri.EscapeDataString(Attacker.RedirectUri)}&code_challenge={challenge}&code_challenge_method=S256&scope=gx.LegalPerson&issuer_state={Uri.EscapeDataString(Attacker.IssuerState(offer)!)}");
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.True(parameters.ContainsKey("code"));
    }
}
