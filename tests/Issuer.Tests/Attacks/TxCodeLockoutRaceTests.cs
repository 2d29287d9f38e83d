
namespace Issuer.Tests.Attacks;

/// <summary>
/// The transaction code lockout holds under concurrency: a right tx_code is accepted only against
/// the version of the pre-authorized code it was checked on, so a request that read the record
/// before the lockout was recorded gets no token after it.
/// </summary>
public sealed class TxCodeLockoutRaceTests(HoldingFixture holding) : IClassFixture<HoldingFixture>
{
    private const int MaxAttempts = 5;

    private static string Wrong(string? txCode) => txCode == "000000" ? "111111" : "000000";

    [Fact]
    public async Task Right_tx_code_read_before_the_lockout_is_refused_once_the_lockout_is_recorded()
    {
        using var attacker = new Attacker(holding.Issuer);
        var (_, offer, txCode) = await attacker.OfferAsync(txCode: true);
        var code = Attacker.PreAuthorizedCode(offer);

        var held = holding.Storage.Hold(1);
        var inFlight = attacker.PreAuthorizedTokenAsync(code, txCode);
        await held;
        try
        {
            for (var i = 0; i < MaxAttempts; i++)
            {
                Assert.Equal("invalid_grant", (await attacker.PreAuthorizedTokenAsync(code, Wrong(txCode))).Error);
            }
        }
        finally
        {
            holding.Storage.Release();
        }

        var late = await inFlight;
        Assert.False(late.Ok, "a right tx_code read before the lockout redeemed the code after it: " + late.Body?.ToJsonString());
        Assert.Equal("invalid_grant", late.Error);
        Assert.Equal("invalid_grant", (await attacker.PreAuthorizedTokenAsync(code, txCode)).Error);
    }

    [Fact]
    public async Task Concurrent_right_and_wrong_tx_codes_yield_no_token_once_the_lockout_is_recorded()
    {
        using var attacker = new Attacker(holding.Issuer);
        var (_, offer, txCode) = await attacker.OfferAsync(txCode: true);
        var code = Attacker.PreAuthorizedCode(offer);

        // Half the guesses are right and have read the record before any wrong one is counted;
        // the other half, all wrong, go at once and use up the attempts.
        const int Right = 25;
        var held = holding.Storage.Hold(Right);
        var rights = Enumerable.Range(0, Right).Select(_ => attacker.PreAuthorizedTokenAsync(code, txCode)).ToArray();
        await held;
        Attacker.Answer[] wrongs;
        try
        {
            wrongs = await Attacker.AllAtOnceAsync(25, _ => attacker.PreAuthorizedTokenAsync(code, Wrong(txCode)));
        }
        finally
        {
            holding.Storage.Release();
        }
        Assert.All(wrongs, wrong => Assert.Equal("invalid_grant", wrong.Error));

        var answers = await Task.WhenAll(rights);
        Assert.DoesNotContain(answers, answer => answer.Ok);
        Assert.All(answers, answer => Assert.Equal("invalid_grant", answer.Error));
    }
}
