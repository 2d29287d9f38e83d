namespace GaiaX.Oid4vc.Issuer.Token;

/// <summary>
/// Remembers the <c>jti</c> of single-use JWTs for their acceptance window: DPoP proofs (RFC 9449 section 11.1), client
/// assertions (RFC 7523 section 3) and client attestation proofs of possession.
/// </summary>
public interface IJwtReplayCache
{
    /// <summary>True the first time <paramref name="id"/> is seen for <paramref name="use"/> within <paramref name="window"/>.</summary>
    Task<bool> TryRememberAsync(string use, string id, TimeSpan window, CancellationToken cancellationToken);
}
