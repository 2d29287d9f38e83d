using GaiaX.Oid4vc.Dapr.Embedded;
using GaiaX.Oid4vc.Testing;

namespace Issuer.Tests.Attacks;

/// <summary>
/// A storage that holds reads of pre-authorized code records on cue: after <see cref="Hold"/> the
/// next reads of such a record have their value fetched, then wait until <see cref="Release"/>, as
/// a request delayed between reading the record and acting on it would. Everything else passes.
/// </summary>
public sealed class HoldingStorage(IEmbeddedStorage inner) : DelegatingEmbeddedStorage(inner)
{
    private readonly Lock _gate = new();
    private int _toHold;
    private TaskCompletionSource _allHeld = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Holds the next <paramref name="reads"/> reads of a pre-authorized code record; completes when all of them are held.</summary>
    public Task Hold(int reads)
    {
        lock (_gate)
        {
            _toHold = reads;
            _allHeld = new(TaskCreationOptions.RunContinuationsAsynchronously);
            _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
            return _allHeld.Task;
        }
    }

    /// <summary>Lets the held reads answer with the values they fetched.</summary>
    public void Release()
    {
        lock (_gate)
        {
            _toHold = 0;
            _release.TrySetResult();
        }
    }

    public override async Task<StoredState?> GetAsync(string key, DateTimeOffset now)
    {
        var value = await base.GetAsync(key, now).ConfigureAwait(false);
        Task? wait = null;
        if (key.Contains("pre-authorized-code:", StringComparison.Ordinal))
        {
            lock (_gate)
            {
                if (_toHold > 0)
                {
                    _toHold--;
                    wait = _release.Task;
                    if (_toHold == 0)
                    {
                        _allHeld.TrySetResult();
                    }
                }
            }
        }
        if (wait is not null)
        {
            await wait.ConfigureAwait(false);
        }
        return value;
    }
}

/// <summary>An Issuer whose pre-authorized code reads can be held, to order a request after others.</summary>
public sealed class HoldingFixture : IAsyncLifetime
{
    public HoldingStorage Storage { get; } = new(new InMemoryEmbeddedStorage());

    public IssuerFixture Issuer { get; }

    public HoldingFixture() => Issuer = new IssuerFixture { Storage = Storage };

    public Task InitializeAsync() => Issuer.InitializeAsync();

    public Task DisposeAsync() => Issuer.DisposeAsync();
}

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
