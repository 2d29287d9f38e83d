using GaiaX.Oid4vc.Credentials.Jose;

namespace GaiaX.Oid4vc.Verifier.Presentations;

/// <summary>
/// Keys of presentation signers (holders): a self-certifying <c>did:jwk</c> is read from the DID
/// itself; any other <c>kid</c> (a did:web DID URL, an x5c chain) goes to the credential core's
/// resolver, with its trust rules.
/// </summary>
public sealed class HolderKeyResolver(IJwsKeyResolver others) : IJwsKeyResolver
{
    public ValueTask<VerificationResult<ResolvedKey>> ResolveAsync(ParsedJws jws, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jws);
        if (jws.KeyId is not { } kid || !DidJwk.IsDidJwk(kid))
        {
            return others.ResolveAsync(jws, cancellationToken);
        }
        var hash = kid.IndexOf('#', StringComparison.Ordinal);
        var did = hash < 0 ? kid : kid[..hash];
        if (!DidJwk.TryDecode(did, out var jwk))
        {
            return ValueTask.FromResult(
                VerificationResult<ResolvedKey>.Fail(
                    VerificationFailure.InvalidDid,
                    "The kid is not a did:jwk with a base64url JSON Web Key."
                )
            );
        }
        var key = Jwk.ParsePublic(jwk);
        return ValueTask.FromResult(
            key.Succeeded
                ? VerificationResult<ResolvedKey>.Success(new ResolvedKey(key.Value) { Controller = did, KeyId = kid })
                : VerificationResult<ResolvedKey>.Fail(key.Error)
        );
    }
}
