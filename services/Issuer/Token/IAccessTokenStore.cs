namespace GaiaX.Oid4vc.Issuer.Token;

public interface IAccessTokenStore
{
    Task StoreAsync(string accessToken, AccessTokenRecord record, CancellationToken cancellationToken);

    Task<AccessTokenRecord?> FindAsync(string accessToken, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the records of the access tokens with these SHA-256 hashes and forgets them here.
    /// Other replicas may still accept one they cached until it expires.
    /// </summary>
    Task RevokeAsync(IReadOnlyCollection<string> tokenHashes, CancellationToken cancellationToken);
}
