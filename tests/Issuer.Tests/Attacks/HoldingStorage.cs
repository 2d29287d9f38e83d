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
