using System.Net;

namespace Issuer.Tests.Attacks;

/// <summary>Item 7 (second half) of issue 18: a request that fails a check spends nothing of the victim's.</summary>
public sealed class PushedRequestTests(IssuerFixture fixture) : IClassFixture<IssuerFixture>
{
    [Fact]
    public async Task Authorization_request_naming_another_client_does_not_burn_the_pushed_request()
    {
        using var attacker = new Attacker(fixture);
        var (_, offer, _) = await attacker.OfferAsync(txCode: false);
        var (_, challenge) = Attacker.Pkce();
        var requestUri = (await attacker.PushAsync(challenge, Attacker.IssuerState(offer), clientId: "victim-wallet")).Get("request_uri")!;

        var (status, parameters) = await attacker.AuthorizePushedAsync(requestUri, clientId: "attacker");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_request", parameters["error"]);
        var (noClient, _) = await attacker.AuthorizeAsync($"request_uri={Uri.EscapeDataString(requestUri)}");
        Assert.Equal(HttpStatusCode.BadRequest, noClient);

        var (victim, answer) = await attacker.AuthorizePushedAsync(requestUri, clientId: "victim-wallet");
        Assert.Equal(HttpStatusCode.Redirect, victim);
        Assert.True(answer.ContainsKey("code"));
    }
}
