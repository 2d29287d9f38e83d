using GaiaX.Oid4vc.Dapr.Events;
using GaiaX.Oid4vc.Dapr.State;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Registry.Trust;

/// <summary>
/// The trust list in the state store: created from <see cref="RegistryOptions.Bootstrap"/> on first use (create-only, so
/// replicas starting together agree), changed by optimistic concurrency (ETag, retried), each change published with its
/// version so that the services that keep a trust view follow without a restart.
/// </summary>
public sealed class TrustListStore(IDaprStateStore state, IEventBus events, IOptions<RegistryOptions> options)
{
    public const string Key = "trust-list";

    private const int MaxAttempts = 8;

    public async Task<TrustList> GetAsync(CancellationToken cancellationToken) =>
        (await GetVersionedAsync(cancellationToken).ConfigureAwait(false)).Value;

    /// <summary>
    /// Applies <paramref name="change"/> (pure: it may run more than once) to the current list; null from it means
    /// "nothing to change" and writes nothing. The list as it stands afterwards, and whether this call changed it.
    /// </summary>
    public async Task<(TrustList List, bool Changed)> ChangeAsync(Func<TrustList, TrustList?> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 0; ; attempt++)
        {
            var current = await GetVersionedAsync(cancellationToken).ConfigureAwait(false);
            if (change(current.Value) is not { } next)
            {
                return (current.Value, false);
            }
            next = next with { Version = current.Value.Version + 1 };
            if (await state.TrySaveAsync(Key, next, current.ETag, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                await events.PublishAsync(new TrustListChanged(next.Version), cancellationToken).ConfigureAwait(false);
                return (next, true);
            }
            if (attempt == MaxAttempts)
            {
                throw new InvalidOperationException("The trust list kept changing under this update; try again.");
            }
        }
    }

    private async Task<VersionedState<TrustList>> GetVersionedAsync(CancellationToken cancellationToken)
    {
        if (await state.GetVersionedAsync<TrustList>(Key, cancellationToken).ConfigureAwait(false) is { } stored)
        {
            return stored;
        }
        var bootstrap = options.Value.Bootstrap;
        var initial = new TrustList(
            1,
            bootstrap.TrustAnchorCertificates,
            bootstrap.TrustedIssuers.ToDictionary(r => r.Key, r => (IReadOnlyList<string>)r.Value, StringComparer.Ordinal),
            []
        );
        await state.TryCreateAsync(Key, initial, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await state.GetVersionedAsync<TrustList>(Key, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The trust list could not be read back from the state store.");
    }
}
