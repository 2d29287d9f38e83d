using System.Globalization;
using Dapr.Client;
using GaiaX.Oid4vc.Dapr;

namespace GaiaX.Oid4vc.Issuer.Storage;

/// <summary>
/// <see cref="IIssuerStateStore"/> on the Dapr state store: ETags with first-write-wins for
/// compare-and-swap and consume-once, <c>ttlInSeconds</c> metadata so expired items disappear.
/// </summary>
public sealed class DaprIssuerStateStore(DaprClient dapr) : IIssuerStateStore
{
    private static readonly StateOptions FirstWrite = new() { Concurrency = ConcurrencyMode.FirstWrite, Consistency = ConsistencyMode.Strong };

    public async Task<Stored<T>?> GetAsync<T>(string key, CancellationToken cancellationToken)
        where T : class
    {
        var (value, etag) = await dapr.GetStateAndETagAsync<T>(DaprComponents.StateStore, key, ConsistencyMode.Strong, cancellationToken: cancellationToken).ConfigureAwait(false);
        return value is null || string.IsNullOrEmpty(etag) ? null : new Stored<T>(value, etag);
    }

    public Task SetAsync<T>(string key, T value, TimeSpan timeToLive, CancellationToken cancellationToken)
        where T : class =>
        dapr.SaveStateAsync(DaprComponents.StateStore, key, value, metadata: Ttl(timeToLive), cancellationToken: cancellationToken);

    public Task<bool> TryReplaceAsync<T>(string key, T value, string etag, TimeSpan timeToLive, CancellationToken cancellationToken)
        where T : class =>
        dapr.TrySaveStateAsync(DaprComponents.StateStore, key, value, etag, FirstWrite, Ttl(timeToLive), cancellationToken);

    public Task<bool> TryDeleteAsync(string key, string etag, CancellationToken cancellationToken) =>
        dapr.TryDeleteStateAsync(DaprComponents.StateStore, key, etag, FirstWrite, cancellationToken: cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        dapr.DeleteStateAsync(DaprComponents.StateStore, key, cancellationToken: cancellationToken);

    private static Dictionary<string, string> Ttl(TimeSpan timeToLive) => new(StringComparer.Ordinal)
    {
        ["ttlInSeconds"] = Math.Max(1, (long)Math.Ceiling(timeToLive.TotalSeconds)).ToString(CultureInfo.InvariantCulture),
    };
}
