using GaiaX.Oid4vc.Dapr.Embedded;
using Grpc.Core;

namespace GaiaX.Oid4vc.Testing;

/// <summary>
/// A storage that goes down on cue, for tests of what a state-store outage at each step of a flow
/// leaves behind: after <see cref="FailAfter"/> it lets the given number of state operations (reads
/// and writes) through, then fails every further one, before applying it, until <see cref="Heal"/>.
/// Subscriptions and deliveries are never failed.
/// </summary>
public sealed class FaultInjectingEmbeddedStorage(IEmbeddedStorage inner) : DelegatingEmbeddedStorage(inner)
{
    private long _allowance = long.MaxValue;

    /// <summary>The outage starts after <paramref name="operations"/> further state operations succeeded.</summary>
    public void FailAfter(int operations) => Interlocked.Exchange(ref _allowance, operations);

    /// <summary>The store is back: every operation succeeds again.</summary>
    public void Heal() => Interlocked.Exchange(ref _allowance, long.MaxValue);

    /// <summary>True while operations fail.</summary>
    public bool IsDown => Interlocked.Read(ref _allowance) <= 0;

    public override Task<StoredState?> GetAsync(string key, DateTimeOffset now)
    {
        Pass();
        return base.GetAsync(key, now);
    }

    public override Task<ApplyResult> ApplyAsync(IReadOnlyList<StateWrite> writes, DateTimeOffset now)
    {
        Pass();
        return base.ApplyAsync(writes, now);
    }

    // A store that is down answers as daprd does when Redis is unreachable: the call fails, nothing is applied.
    private void Pass()
    {
        if (Interlocked.Read(ref _allowance) == long.MaxValue)
        {
            return;
        }
        if (Interlocked.Decrement(ref _allowance) < 0)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "injected state store outage"));
        }
    }
}
