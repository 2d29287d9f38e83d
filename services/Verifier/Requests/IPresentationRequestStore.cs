using GaiaX.Oid4vc.Dapr.State;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Verifier.Requests;

/// <summary>Where presentation requests live (the Dapr state store in a deployment).</summary>
public interface IPresentationRequestStore
{
    /// <summary>Stores a new request; it disappears after the status retention time.</summary>
    Task CreateAsync(PresentationRequest request, CancellationToken cancellationToken);

    Task<VersionedPresentationRequest?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the request if it is still at <paramref name="etag"/>: first write wins, a stale
    /// version returns false and changes nothing.
    /// </summary>
    Task<bool> TryReplaceAsync(PresentationRequest request, string etag, CancellationToken cancellationToken);
}

/// <summary>
/// Presentation requests in the Dapr state store (key <c>presentation-request:{id}</c>), with ETag
/// compare-and-swap and a TTL that ends with the status retention time counted from creation.
/// </summary>
internal sealed class DaprPresentationRequestStore(IDaprStateStore state, TimeProvider time, IOptions<VerifierOptions> options)
    : IPresentationRequestStore
{
    private static string Key(string id) => "presentation-request:" + id;

    public async Task CreateAsync(PresentationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!await state.TryCreateAsync(Key(request.Id), request, Ttl(request), cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException("A request with this id exists already.");
        }
    }

    public async Task<VersionedPresentationRequest?> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (!DcqlSafeId(id))
        {
            return null;
        }
        var stored = await state.GetVersionedAsync<PresentationRequest>(Key(id), cancellationToken).ConfigureAwait(false);
        return stored is null ? null : new VersionedPresentationRequest(stored.Value, stored.ETag);
    }

    public Task<bool> TryReplaceAsync(PresentationRequest request, string etag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return state.TrySaveAsync(Key(request.Id), request, etag, Ttl(request), cancellationToken);
    }

    /// <summary>What is left of the retention time: an update must not extend a request's life.</summary>
    private TimeSpan Ttl(PresentationRequest request)
    {
        var left = request.CreatedAt.AddSeconds(options.Value.StatusRetentionSeconds) - time.GetUtcNow();
        return left < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : left;
    }

    /// <summary>Ids are ours (base64url); anything else cannot name a request and must not reach the store.</summary>
    private static bool DcqlSafeId(string id) => id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
