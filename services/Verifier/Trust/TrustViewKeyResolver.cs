using GaiaX.Oid4vc.Credentials.Jose;

namespace GaiaX.Oid4vc.Verifier.Trust;

/// <summary>
/// The Verifier's <see cref="IJwsKeyResolver"/>: the issuer key resolvers of the current <see cref="TrustView"/>, so
/// credentials, presentations and status lists are judged against the trust list of the moment without rebuilding
/// anything per request. Responses are only judged once a view is known (<see cref="Responses.AuthorizationResponseRecorder"/>).
/// </summary>
public sealed class TrustViewKeyResolver(TrustListFollower trust) : IJwsKeyResolver
{
    public ValueTask<VerificationResult<ResolvedKey>> ResolveAsync(ParsedJws jws, CancellationToken cancellationToken)
    {
        var view = trust.Current
            ?? throw new InvalidOperationException("No trust list is known yet: nothing can be judged trusted or untrusted.");
        return view.Keys.ResolveAsync(jws, cancellationToken);
    }
}
