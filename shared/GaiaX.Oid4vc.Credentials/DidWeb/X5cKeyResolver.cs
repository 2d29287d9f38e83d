using System.Collections.Concurrent;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.X509;

namespace GaiaX.Oid4vc.Credentials.DidWeb;

/// <summary>
/// Keys carried as an <c>x5c</c> header (OID4VP <c>x509_san_dns</c> request objects, SD-JWT VCs
/// signed with a certificate): the chain must lead to a trust anchor; the leaf's key verifies.
/// </summary>
public sealed class X5cKeyResolver(CertificateChainValidator chains, string? requiredPolicyOid = null) : IJwsKeyResolver
{
    private const int MaxCachedChains = 4096;
    private static readonly TimeSpan CacheDuration = TimeSpan.FromMinutes(5);

    // Building a chain costs far more than a signature check; the same issuer chain comes again and again.
    private readonly ConcurrentDictionary<string, (DateTimeOffset Expires, ResolvedKey Key)> _cache = new(StringComparer.Ordinal);

    public ValueTask<VerificationResult<ResolvedKey>> ResolveAsync(ParsedJws jws, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jws);
        if (!jws.Header.TryGetProperty("x5c", out var x5c))
        {
            return ValueTask.FromResult(VerificationResult<ResolvedKey>.Fail(VerificationFailure.KeyNotFound, "The header has no x5c."));
        }
        var now = chains.Time.GetUtcNow();
        var cacheKey = x5c.GetRawText();
        if (_cache.TryGetValue(cacheKey, out var cached) && cached.Expires > now)
        {
            return ValueTask.FromResult(VerificationResult<ResolvedKey>.Success(cached.Key with { KeyId = jws.KeyId }));
        }
        var parsed = CertificateChainValidator.ParseX5c(x5c);
        if (!parsed.Succeeded)
        {
            return ValueTask.FromResult(VerificationResult<ResolvedKey>.Fail(parsed.Error));
        }
        var validated = chains.Validate(parsed.Value, requiredPolicyOid);
        if (!validated.Succeeded)
        {
            return ValueTask.FromResult(VerificationResult<ResolvedKey>.Fail(validated.Error));
        }
        var key = CertificateChainValidator.PublicKeyOf(validated.Value[0]);
        if (!key.Succeeded)
        {
            return ValueTask.FromResult(VerificationResult<ResolvedKey>.Fail(key.Error));
        }
        var resolved = new ResolvedKey(key.Value) { KeyId = jws.KeyId, CertificateChain = validated.Value };
        if (_cache.Count > MaxCachedChains)
        {
            _cache.Clear();
        }
        // Never cached beyond the first certificate of the chain to expire.
        var firstExpiry = validated.Value.Min(c => new DateTimeOffset(c.NotAfter.ToUniversalTime(), TimeSpan.Zero));
        _cache[cacheKey] = (firstExpiry < now + CacheDuration ? firstExpiry : now + CacheDuration, resolved with { KeyId = null });
        return ValueTask.FromResult(VerificationResult<ResolvedKey>.Success(resolved));
    }
}
