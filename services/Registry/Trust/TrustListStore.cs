using GaiaX.Oid4vc.Dapr.Events;
using GaiaX.Oid4vc.Dapr.State;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Registry.Trust;

/// <summary>
/// The trust list in the state store: created from <see cref="RegistryOptions.Bootstrap"/> on first use (create-only, so
/// replicas starting together agree), changed by optimistic concurrency (ETag, retried), each change published with its
/// whole list (<see cref="Snapshot"/>) so that the services that keep a trust view follow without a restart.
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
                await events.PublishAsync(Snapshot(next), cancellationToken).ConfigureAwait(false);
                return (next, true);
            }
            if (attempt == MaxAttempts)
            {
                throw new InvalidOperationException("The trust list kept changing under this update; try again.");
            }
        }
    }

    /// <summary>
    /// Publishes the list as it stands, at its version (nothing changes): the start-up and periodic republication that
    /// lets a service that subscribed after the last change catch up. Subscribers ignore a version they have.
    /// </summary>
    public async Task<TrustList> PublishCurrentAsync(CancellationToken cancellationToken)
    {
        var current = await GetAsync(cancellationToken).ConfigureAwait(false);
        await events.PublishAsync(Snapshot(current), cancellationToken).ConfigureAwait(false);
        return current;
    }

    /// <summary>The event that carries <paramref name="list"/> (its ecosystem extensions are read from the API instead).</summary>
    public static TrustListChanged Snapshot(TrustList list)
    {
        ArgumentNullException.ThrowIfNull(list);
        return new TrustListChanged(list.Version, list.TrustAnchors, list.TrustedIssuers, list.RevokedCertificates);
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
