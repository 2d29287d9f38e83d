using GaiaX.Oid4vc.Dapr.State;
using GaiaX.Oid4vc.Issuer.Protocol;

namespace GaiaX.Oid4vc.Issuer.Token;

public sealed class DpopReplayCache(IDaprStateStore state) : IDpopReplayCache
{
    public Task<bool> TryRememberAsync(string jti, TimeSpan window, CancellationToken cancellationToken) =>
        // Create-only: of two requests replaying one proof, exactly one creates the marker.
        state.TryCreateAsync("dpop-jti:" + Secrets.Hash(jti), new Marker(true), window, cancellationToken);

    private sealed record Marker(bool Seen);
}
