using GaiaX.Oid4vc.Compliance.Registry;
using GaiaX.Oid4vc.Dapr.Events;

namespace GaiaX.Oid4vc.Compliance.Events;

/// <summary>
/// <c>trust-list-changed</c> from the Registry: the cached registry answers are dropped, so the next assessment sees the
/// new anchors, issuers and revocations without a restart. Versions only go up: a repeated or older delivery has no
/// effect. (A configured local registry has nothing cached to drop.)
/// </summary>
public sealed class TrustListChangedHandler(IEnumerable<ITrustViewInvalidation> views)
{
    private long _version;

    /// <summary>The newest trust-list version this replica has applied.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>Whether this delivery was applied (false for a repeated or older version).</summary>
    public bool Apply(TrustListChanged changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        long seen;
        do
        {
            seen = Interlocked.Read(ref _version);
            if (changed.Version <= seen)
            {
                return false;
            }
        } while (Interlocked.CompareExchange(ref _version, changed.Version, seen) != seen);
        foreach (var view in views)
        {
            view.Invalidate();
        }
        return true;
    }

    public Task<IntegrationEventResult> HandleAsync(TrustListChanged changed, CancellationToken cancellationToken)
    {
        Apply(changed);
        return Task.FromResult(IntegrationEventResult.Success);
    }
}
