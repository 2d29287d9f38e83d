using GaiaX.Oid4vc.Credentials.Jose;

namespace GaiaX.Oid4vc.Credentials.DidWeb;

/// <summary>Chooses by header: a did:web <c>kid</c> → <see cref="DidWebKeyResolver"/>; otherwise <c>x5c</c> → <see
/// cref="X5cKeyResolver"/>.</summary>
public sealed class IssuerKeyResolver(DidWebKeyResolver didWeb, X5cKeyResolver x5c) : IJwsKeyResolver
{
    public ValueTask<VerificationResult<ResolvedKey>> ResolveAsync(ParsedJws jws, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jws);
        // A DID kid wins over x5c: a certificate in the header must never stand in for the DID's own key.
        if (jws.KeyId?.StartsWith(DidWebUrl.Prefix, StringComparison.Ordinal) == true)
        {
            return didWeb.ResolveAsync(jws, cancellationToken);
        }
        if (jws.Header.TryGetProperty("x5c", out _))
        {
            return x5c.ResolveAsync(jws, cancellationToken);
        }
        return ValueTask.FromResult(
            jws.KeyId is null
                ? VerificationResult<ResolvedKey>.Fail(VerificationFailure.MissingKeyId, "The header has neither kid nor x5c.")
                : VerificationResult<ResolvedKey>.Fail(VerificationFailure.KeyNotFound, $"The kid '{jws.KeyId}' is not a did:web DID URL.")
        );
    }
}
