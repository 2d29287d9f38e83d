using GaiaX.Oid4vc.Dapr.State;
using GaiaX.Oid4vc.Issuer.Protocol;

namespace GaiaX.Oid4vc.Issuer.Token;

public sealed class JwtReplayCache(IDaprStateStore state) : IJwtReplayCache
{
    /// <summary>DPoP proofs, by key thumbprint and <c>jti</c>.</summary>
    public const string DpopProofs = "dpop-jti";

    /// <summary>Client assertions (<c>private_key_jwt</c>), by client and <c>jti</c>.</summary>
    public const string ClientAssertions = "client-assertion-jti";

    /// <summary>Client attestation proofs of possession, by instance key thumbprint and <c>jti</c>.</summary>
    public const string AttestationProofs = "client-attestation-pop-jti";

    public Task<bool> TryRememberAsync(string use, string id, TimeSpan window, CancellationToken cancellationToken) =>
        // Create-only: of two requests replaying one JWT, exactly one creates the marker.
        state.TryCreateAsync(use + ":" + Secrets.Hash(id), new Marker(true), window, cancellationToken);

    private sealed record Marker(bool Seen);
}
