namespace GaiaX.Oid4vc.Issuer.Token;

/// <summary>Remembers DPoP proof <c>jti</c> values for their acceptance window (RFC 9449 section 11.1).</summary>
public interface IDpopReplayCache
{
    /// <summary>True the first time a <c>jti</c> is seen within <paramref name="window"/>.</summary>
    Task<bool> TryRememberAsync(string jti, TimeSpan window, CancellationToken cancellationToken);
}
