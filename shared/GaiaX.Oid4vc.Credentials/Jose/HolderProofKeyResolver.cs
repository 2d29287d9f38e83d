namespace GaiaX.Oid4vc.Credentials.Jose;

/// <summary>
/// The key of a holder proof (OID4VCI <c>openid4vci-proof+jwt</c>, DPoP-like proofs): exactly one
/// of <c>jwk</c> / <c>kid</c> / <c>x5c</c>; <c>jwk</c> is taken from the header (private members
/// refused), <c>kid</c> (a DID URL) and <c>x5c</c> go to <paramref name="others"/>.
/// </summary>
public sealed class HolderProofKeyResolver(HeaderJwkResolver headerJwk, IJwsKeyResolver others) : IJwsKeyResolver
{
    public ValueTask<VerificationResult<ResolvedKey>> ResolveAsync(ParsedJws jws, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jws);
        var present = new[] { "jwk", "kid", "x5c" }.Count(name => jws.Header.TryGetProperty(name, out _));
        if (present != 1)
        {
            return ValueTask.FromResult(
                VerificationResult<ResolvedKey>.Fail(
                    VerificationFailure.InvalidKey,
                    "Exactly one of jwk, kid and x5c must be in the header."
                )
            );
        }
        return jws.Header.TryGetProperty("jwk", out _)
            ? headerJwk.ResolveAsync(jws, cancellationToken)
            : others.ResolveAsync(jws, cancellationToken);
    }
}
