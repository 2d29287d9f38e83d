using GaiaX.Oid4vc.Dapr.State;

namespace GaiaX.Oid4vc.Issuer.Token;

public interface IAccessTokenStore
{
    Task StoreAsync(string accessToken, AccessTokenRecord record, CancellationToken cancellationToken);

    /// <summary>
    /// The write of <see cref="StoreAsync"/> for a caller's state transaction; once it committed, <see cref="Remember"/>
    /// lets this replica answer for the token without a read.
    /// </summary>
    StateChange Prepare(string accessToken, AccessTokenRecord record);

    /// <summary>Keeps a record written by a transaction in this replica's cache.</summary>
    void Remember(string accessToken, AccessTokenRecord record);

    Task<AccessTokenRecord?> FindAsync(string accessToken, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the records of the access tokens with these SHA-256 hashes and forgets them here.
    /// Other replicas may still accept one they cached until it expires.
    /// </summary>
    Task RevokeAsync(IReadOnlyCollection<string> tokenHashes, CancellationToken cancellationToken);
}
