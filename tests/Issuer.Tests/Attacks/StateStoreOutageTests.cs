using System.Net;

namespace Issuer.Tests.Attacks;

/// <summary>
/// Item 11 (Issuer part) of issue 18: the state store dying at any step of a token request leaves
/// the grant usable once it is back, so the wallet's retry gets its token (and only one).
/// </summary>
public sealed class StateStoreOutageTests(OutageFixture outage) : IClassFixture<OutageFixture>
{
    private const int MaxSteps = 24;

    /// <summary>Sends <paramref name="request"/> with the store going down after <paramref name="step"/> operations.</summary>
    private async Task<Attacker.Answer> CutAsync(int step, Func<Task<Attacker.Answer>> request)
    {
        outage.Storage.FailAfter(step);
        try
        {
            return await request();
        }
        finally
        {
            outage.Storage.Heal();
        }
    }

    [Fact]
    public async Task Pre_authorized_code_survives_a_state_store_outage_at_every_step_of_the_token_request()
    {
        using var attacker = new Attacker(outage.Issuer);
        for (var step = 0; step < MaxSteps; step++)
        {
            var (_, offer, txCode) = await attacker.OfferAsync(txCode: true);
            var code = Attacker.PreAuthorizedCode(offer);
            var cut = await CutAsync(step, () => attacker.PreAuthorizedTokenAsync(code, txCode));
            if (cut.Ok)
            {
                Assert.True(step > 0, "the token request touched no state");
                return;
            }
            var retry = await attacker.PreAuthorizedTokenAsync(code, txCode);
            Assert.True(retry.Ok, $"after an outage at step {step} the retry answered {(int)retry.Status} {retry.Body?.ToJsonString()}");
            Assert.Equal(HttpStatusCode.OK, await attacker.CredentialAsync(retry.Get("access_token")!));
            Assert.Equal("invalid_grant", (await attacker.PreAuthorizedTokenAsync(code, txCode)).Error);
        }
        Assert.Fail($"the token request still failed with the outage after {MaxSteps} operations");
    }

    [Fact]
    public async Task Offer_stays_redeemable_after_a_state_store_outage_at_every_step_of_an_authorization_code_token_request()
    {
        using var attacker = new Attacker(outage.Issuer);
        for (var step = 0; step < MaxSteps; step++)
        {
            var (_, offer, _) = await attacker.OfferAsync(txCode: false);
            var (code, verifier, _) = await attacker.AuthorizationCodeAsync(Attacker.IssuerState(offer)!);
            var cut = await CutAsync(step, () => attacker.AuthorizationCodeTokenAsync(code!, verifier));
            if (cut.Ok)
            {
                Assert.True(step > 0, "the token request touched no state");
                return;
            }
            // The spent code may be gone (it was consumed first, so a failed PKCE check cannot be
            // retried), but the offer must not be: a new authorization gets the token.
            var retry = await attacker.AuthorizationCodeTokenAsync(code!, verifier);
            if (!retry.Ok)
            {
                Assert.Equal("invalid_grant", retry.Error);
                var again = await attacker.AuthorizationCodeAsync(Attacker.IssuerState(offer)!);
                Assert.True(again.Code is not null, $"after an outage at step {step} the offer could not be authorized again: {string.Join(", ", again.Response)}");
                retry = await attacker.AuthorizationCodeTokenAsync(again.Code, again.Verifier);
            }
            Assert.True(retry.Ok, $"after an outage at step {step} the retry answered {(int)retry.Status} {retry.Body?.ToJsonString()}");
            Assert.Equal("invalid_grant", (await attacker.PreAuthorizedTokenAsync(Attacker.PreAuthorizedCode(offer), null)).Error);
        }
        Assert.Fail($"the token request still failed with the outage after {MaxSteps} operations");
    }

    [Fact]
    public async Task Refresh_token_survives_a_state_store_outage_at_every_step_of_the_refresh()
    {
        using var attacker = new Attacker(outage.Issuer);
        for (var step = 0; step < MaxSteps; step++)
        {
            var (_, offer, _) = await attacker.OfferAsync(txCode: false);
            var first = await attacker.PreAuthorizedTokenAsync(Attacker.PreAuthorizedCode(offer), null);
            var refreshToken = first.Get("refresh_token")!;
            var cut = await CutAsync(step, () => attacker.RefreshAsync(refreshToken));
            if (cut.Ok)
            {
                Assert.True(step > 0, "the refresh touched no state");
                return;
            }
            var retry = await attacker.RefreshAsync(refreshToken);
            Assert.True(retry.Ok, $"after an outage at step {step} the retry answered {(int)retry.Status} {retry.Body?.ToJsonString()}");
            Assert.Equal(HttpStatusCode.OK, await attacker.CredentialAsync(retry.Get("access_token")!));
        }
        Assert.Fail($"the refresh still failed with the outage after {MaxSteps} operations");
    }
}
