namespace GaiaX.Oid4vc.Issuer.Nonce;

/// <summary><c>c_nonce</c> values: unpredictable, short-lived, each accepted in one credential request only.</summary>
public interface INonceStore
{
    Task<string> CreateAsync(CancellationToken cancellationToken);

    /// <summary>True for the one caller that redeems a live nonce; false when unknown, used or expired.</summary>
    Task<bool> TryConsumeAsync(string nonce, CancellationToken cancellationToken);
}
