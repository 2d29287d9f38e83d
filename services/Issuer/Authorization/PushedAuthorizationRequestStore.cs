using GaiaX.Oid4vc.Credentials.Protocol;
using GaiaX.Oid4vc.Dapr.State;
using GaiaX.Oid4vc.Issuer.Protocol;

namespace GaiaX.Oid4vc.Issuer.Authorization;

public sealed class PushedAuthorizationRequestStore(IDaprStateStore state, TimeProvider time) : IPushedAuthorizationRequestStore
{
    public Task StoreAsync(string requestUri, AuthorizationRequest request, TimeSpan lifetime, CancellationToken cancellationToken) =>
        state.SaveAsync(Key(requestUri), new Entry(request, time.GetUtcNow() + lifetime), lifetime, cancellationToken);

    public async Task<Outcome<AuthorizationRequest>> ConsumeAsync(string requestUri, string clientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requestUri);
        var unknown = new ProtocolError(ErrorCodes.InvalidRequestUri, "the request_uri is unknown, expired or already used");
        if (requestUri.Length > Secrets.MaxHandleLength)
        {
            return unknown;
        }
        var entry = await state.GetVersionedAsync<Entry>(Key(requestUri), cancellationToken).ConfigureAwait(false);
        if (entry is null || time.GetUtcNow() >= entry.Value.ExpiresAt)
        {
            return unknown;
        }
        if (clientId != entry.Value.Request.ClientId)
        {
            return new ProtocolError(ErrorCodes.InvalidRequest, "client_id does not match the pushed authorization request");
        }
        // First delete wins: of concurrent callers one gets the request.
        return await state.TryDeleteAsync(Key(requestUri), entry.ETag, cancellationToken).ConfigureAwait(false)
            ? Outcome<AuthorizationRequest>.Success(entry.Value.Request)
            : unknown;
    }

    private static string Key(string requestUri) => "par:" + Secrets.Hash(requestUri);

    private sealed record Entry(AuthorizationRequest Request, DateTimeOffset ExpiresAt);
}
