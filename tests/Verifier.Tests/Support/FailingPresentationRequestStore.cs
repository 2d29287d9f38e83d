using GaiaX.Oid4vc.Verifier.Requests;
using Microsoft.Extensions.DependencyInjection;

namespace Verifier.Tests.Support;

/// <summary>
/// The Verifier's request store with a fault switch: a state-store outage on cue, at the store
/// boundary the Verifier sees (the embedded sidecar's storage has no fault seam of its own yet).
/// Armed with a condition, the next write that meets it throws as an unreachable store would.
/// </summary>
public sealed class FailingPresentationRequestStore(IPresentationRequestStore inner) : IPresentationRequestStore
{
    private Func<PresentationRequest, bool>? _failWrite;

    /// <summary>The next replacement for which <paramref name="condition"/> holds fails (once).</summary>
    public void FailNextWrite(Func<PresentationRequest, bool> condition) => Interlocked.Exchange(ref _failWrite, condition);

    public Task CreateAsync(PresentationRequest request, CancellationToken cancellationToken) => inner.CreateAsync(request, cancellationToken);

    public Task<VersionedPresentationRequest?> GetAsync(string id, CancellationToken cancellationToken) => inner.GetAsync(id, cancellationToken);

    public Task<bool> TryReplaceAsync(PresentationRequest request, string etag, CancellationToken cancellationToken)
    {
        var condition = Volatile.Read(ref _failWrite);
        if (condition is not null && condition(request) && Interlocked.CompareExchange(ref _failWrite, null, condition) == condition)
        {
            throw new HttpRequestException("state store unavailable (injected by the test)");
        }
        return inner.TryReplaceAsync(request, etag, cancellationToken);
    }

    /// <summary>Replaces the Verifier's store with a failing wrapper around it.</summary>
    public static void Install(IServiceCollection services)
    {
        var original = services.Single(d => d.ServiceType == typeof(IPresentationRequestStore));
        services.Remove(original);
        services.AddSingleton<IPresentationRequestStore>(sp =>
            new FailingPresentationRequestStore((IPresentationRequestStore)ActivatorUtilities.CreateInstance(sp, original.ImplementationType!)));
    }

    /// <summary>The wrapper a host installed with <see cref="Install"/>.</summary>
    public static FailingPresentationRequestStore Of(VerifierHost host) =>
        (FailingPresentationRequestStore)host.Host.Services.GetRequiredService<IPresentationRequestStore>();
}
