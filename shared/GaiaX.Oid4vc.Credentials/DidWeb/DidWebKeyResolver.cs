using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.X509;

namespace GaiaX.Oid4vc.Credentials.DidWeb;

/// <summary>
/// Keys of did:web DIDs, as Gaia-X verifies them: the <c>kid</c> must be a DID URL; the DID
/// document must hold a verification method with exactly that id and a <c>publicKeyJwk</c> with
/// <c>alg</c>; the JWK must come with <c>x5c</c> or <c>x5u</c>, equal the leaf certificate's key,
/// and the chain must lead to a trust anchor. Verified keys are cached as long as the document.
/// </summary>
public sealed class DidWebKeyResolver(DidWebResolver resolver, CertificateChainValidator chains, X5uFetcher x5u, TimeProvider time)
    : IJwsKeyResolver
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset Expires, ResolvedKey Key)> _keys = new(StringComparer.Ordinal);

    public async ValueTask<VerificationResult<ResolvedKey>> ResolveAsync(ParsedJws jws, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jws);
        return await ResolveKeyAsync(jws.KeyId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Resolves the verification method <paramref name="keyId"/> (a did:web DID URL).</summary>
    public async ValueTask<VerificationResult<ResolvedKey>> ResolveKeyAsync(string? keyId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(keyId))
        {
            return VerificationResult<ResolvedKey>.Fail(VerificationFailure.MissingKeyId, "The header has no kid.");
        }
        var now = time.GetUtcNow();
        if (_keys.TryGetValue(keyId, out var cached) && cached.Expires > now)
        {
            return VerificationResult<ResolvedKey>.Success(cached.Key);
        }
        var did = DidWebUrl.DidOf(keyId);
        if (did is null || !did.StartsWith(DidWebUrl.Prefix, StringComparison.Ordinal))
        {
            return VerificationResult<ResolvedKey>.Fail(VerificationFailure.KeyNotFound, $"The kid '{keyId}' is not a did:web DID URL.");
        }
        var document = await resolver.ResolveAsync(did, cancellationToken).ConfigureAwait(false);
        if (!document.Succeeded)
        {
            return document.Error;
        }
        var method = document.Value.FindVerificationMethod(keyId);
        if (method is null)
        {
            return VerificationResult<ResolvedKey>.Fail(
                VerificationFailure.KeyNotFound,
                $"The DID document of {did} has no verification method '{keyId}'."
            );
        }
        var resolved = await KeyFromMethodAsync(method.Value, keyId, did, cancellationToken).ConfigureAwait(false);
        if (resolved.Succeeded)
        {
            if (_keys.Count > 4096)
            {
                _keys.Clear();
            }
            _keys[keyId] = (now + resolver.Options.CacheDuration, resolved.Value);
        }
        return resolved;
    }

    private async ValueTask<VerificationResult<ResolvedKey>> KeyFromMethodAsync(
        JsonElement method,
        string keyId,
        string did,
        CancellationToken cancellationToken
    )
    {
        if (!method.TryGetProperty("publicKeyJwk", out var jwkElement) || jwkElement.ValueKind != JsonValueKind.Object)
        {
            return VerificationResult<ResolvedKey>.Fail(
                VerificationFailure.InvalidKey,
                $"The verification method '{keyId}' has no publicKeyJwk."
            );
        }
        var jwk = JsonNode.Parse(jwkElement.GetRawText())!.AsObject();
        if (Jwk.String(jwk, "alg") is null)
        {
            return VerificationResult<ResolvedKey>.Fail(VerificationFailure.InvalidKey, $"The publicKeyJwk of '{keyId}' has no alg.");
        }
        var key = Jwk.ParsePublic(jwk);
        if (!key.Succeeded)
        {
            return key.Error;
        }
        IReadOnlyList<X509Certificate2> chain = [];
        if (jwkElement.TryGetProperty("x5c", out var x5c))
        {
            var parsed = CertificateChainValidator.ParseX5c(x5c);
            if (!parsed.Succeeded)
            {
                return parsed.Error;
            }
            chain = parsed.Value;
        }
        else if (ParsedJws.OptionalString(jwkElement, "x5u") is { } x5uUrl)
        {
            var fetched = await x5u.FetchAsync(x5uUrl, cancellationToken).ConfigureAwait(false);
            if (!fetched.Succeeded)
            {
                return fetched.Error;
            }
            chain = fetched.Value;
        }
        else if (resolver.Options.RequireCertificate)
        {
            return VerificationResult<ResolvedKey>.Fail(
                VerificationFailure.UntrustedChain,
                $"The publicKeyJwk of '{keyId}' has neither x5c nor x5u."
            );
        }
        if (chain.Count > 0)
        {
            var validated = chains.Validate(chain, resolver.Options.RequiredCertificatePolicy);
            if (!validated.Succeeded)
            {
                return validated.Error;
            }
            if (!CertificateChainValidator.KeyMatchesCertificate(key.Value, chain[0]))
            {
                return VerificationResult<ResolvedKey>.Fail(
                    VerificationFailure.KeyCertificateMismatch,
                    $"The publicKeyJwk of '{keyId}' is not the leaf certificate's key."
                );
            }
            chain = validated.Value;
        }
        return VerificationResult<ResolvedKey>.Success(
            new ResolvedKey(key.Value)
            {
                Controller = did,
                KeyId = keyId,
                CertificateChain = chain,
            }
        );
    }
}
