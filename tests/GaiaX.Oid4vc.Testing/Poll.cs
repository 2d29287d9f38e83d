using System.Diagnostics;

namespace GaiaX.Oid4vc.Testing;

/// <summary>
/// The one polling loop of the tests. Events and background work arrive asynchronously, so a test
/// waits (bounded) for what it expects instead of sleeping a guessed time.
/// </summary>
public static class Poll
{
    /// <summary>How long a wait lasts unless the caller says otherwise: well above any delivery on a busy machine.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);

    /// <summary>Checks <paramref name="condition"/> until it holds or <paramref name="timeout"/> passed; returns whether it held.</summary>
    public static async Task<bool> UntilAsync(Func<bool> condition, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var limit = timeout ?? DefaultTimeout;
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed >= limit)
            {
                return false;
            }
            await Task.Delay(Interval).ConfigureAwait(false);
        }
        return true;
    }
}
