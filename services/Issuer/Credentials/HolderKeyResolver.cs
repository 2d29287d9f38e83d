using GaiaX.Oid4vc.Credentials.Jose;

namespace GaiaX.Oid4vc.Issuer.Credentials;

/// <summary>
/// The key of a wallet's proof: <c>kid</c> must be a <c>did:jwk</c> DID URL and resolves here (the
/// key is in the identifier, no fetch); a <c>kid</c> of any other form (did:web, did:key, an URL, a
/// bare fragment) is refused before anything is resolved, so a wallet can never make the Issuer call
/// a host of its choosing. <c>jwk</c> and <c>x5c</c> go to the credential core's
/// <see cref="HolderProofKeyResolver"/>.
/// </summary>
public sealed class HolderKeyResolver(HolderProofKeyResolver core) : IJwsKeyResolver
{
    public ValueTask<VerificationResult<ResolvedKey>> ResolveAsync(ParsedJws jws, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jws);
        if (!jws.Header.TryGetProperty("kid", out _))
        {
            return core.ResolveAsync(jws, cancellationToken);
        }
        if (jws.KeyId is not { } kid || !DidJwk.IsDidJwk(kid))
        {
            return ValueTask.FromResult(
                VerificationResult<ResolvedKey>.Fail(
                    VerificationFailure.KeyNotFound,
                    "a proof's kid must be a did:jwk DID URL; other key identifiers are not resolved (send the key as jwk instead)"
                )
            );
        }
        if (jws.Header.TryGetProperty("jwk", out _) || jws.Header.TryGetProperty("x5c", out _))
        {
            return ValueTask.FromResult(
                VerificationResult<ResolvedKey>.Fail(
                    VerificationFailure.InvalidKey,
                    "Exactly one of jwk, kid and x5c must be in the header."
                )
            );
        }
        var hash = kid.IndexOf('#', StringComparison.Ordinal);
        var did = hash < 0 ? kid : kid[..hash];
        if (!DidJwk.TryDecode(did, out var jwk))
        {
            return ValueTask.FromResult(
                VerificationResult<ResolvedKey>.Fail(VerificationFailure.InvalidKey, "The kid is not a valid did:jwk.")
            );
        }
        var key = Jwk.ParsePublic(jwk);
        if (!key.Succeeded)
        {
            return ValueTask.FromResult(VerificationResult<ResolvedKey>.Fail(key.Error));
        }
        if (!key.Value.IsCompatibleWith(jws.Algorithm))
        {
            key.Value.Dispose();
            return ValueTask.FromResult(
                VerificationResult<ResolvedKey>.Fail(
                    VerificationFailure.KeyAlgorithmMismatch,
                    $"The did:jwk key cannot verify {jws.Algorithm}."
                )
            );
        }
        return ValueTask.FromResult(VerificationResult<ResolvedKey>.Success(new ResolvedKey(key.Value) { Controller = did, KeyId = kid }));
    }
}
