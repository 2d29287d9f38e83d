namespace GaiaX.Oid4vc.Credentials.Jose;

/// <summary>Finds (and vouches for) the public key a JWS must be verified with.</summary>
public interface IJwsKeyResolver
{
    ValueTask<VerificationResult<ResolvedKey>> ResolveAsync(ParsedJws jws, CancellationToken cancellationToken);
}
