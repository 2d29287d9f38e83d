namespace GaiaX.Oid4vc.Compliance.Verification;

/// <summary>Resolves a JWS <c>kid</c> (a DID URL) to its verification method.</summary>
public interface IVerificationMethodResolver
{
    /// <exception cref="VerificationMethodResolutionException">The DID, its document or the method is unusable; the message says
    /// why.</exception>
    Task<ResolvedVerificationMethod> ResolveAsync(string keyId, CancellationToken cancellationToken);
}
