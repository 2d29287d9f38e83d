namespace GaiaX.Oid4vc.Issuer.Credentials;

public interface IPreparedCredentialStore
{
    Task<PreparedCredentialsRecord?> FindAsync(string offerId, CancellationToken cancellationToken);

    Task AddCredentialAsync(string offerId, string configurationId, PreparedCredential credential, CancellationToken cancellationToken);

    Task SetAssessmentAsync(string offerId, bool accepted, IReadOnlyList<string> reasons, CancellationToken cancellationToken);
}
