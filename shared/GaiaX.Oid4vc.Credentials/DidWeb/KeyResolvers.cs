using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.Net;
using GaiaX.Oid4vc.Credentials.X509;

namespace GaiaX.Oid4vc.Credentials.DidWeb;

/// <summary>
/// Fetches a PEM certificate chain from an <c>x5u</c> URL through the SSRF-guarded client
/// (HTTPS only, bounded size and time).
/// </summary>
public sealed class X5uFetcher(HttpClient http, DidWebOptions options)
{
    public const int MaxPemBytes = 64 * 1024;

    public async Task<VerificationResult<IReadOnlyList<X509Certificate2>>> FetchAsync(string x5u, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(x5u, UriKind.Absolute, out var url)
            || !(url.Scheme == Uri.UriSchemeHttps || (options.AllowHttpLoopback && url.Scheme == Uri.UriSchemeHttp && DidWebUrl.IsLoopbackHost(url.Host))))
        {
            return Fail(VerificationFailure.CertificateMalformed, "x5u must be an HTTPS URL.");
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.AttemptTimeout);
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (response.StatusCode != System.Net.HttpStatusCode.OK)
            {
                return Fail(VerificationFailure.UntrustedChain, $"x5u {url} answered {(int)response.StatusCode}.");
            }
            var body = await GuardedHttpClient.ReadBoundedAsync(response.Content, MaxPemBytes, timeout.Token).ConfigureAwait(false);
            return body is null
                ? Fail(VerificationFailure.Oversized, $"The x5u chain is larger than {MaxPemBytes} bytes.")
                : CertificateChainValidator.ParsePem(Encoding.ASCII.GetString(body));
        }
        catch (HttpRequestException ex) when (GuardedHttpClient.IsAddressRefusal(ex))
        {
            return Fail(VerificationFailure.AddressRefused, $"x5u {url} resolves to an address that may not be reached.");
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            return Fail(VerificationFailure.UntrustedChain, $"x5u {url} could not be fetched.");
        }
    }

    private static VerificationResult<IReadOnlyList<X509Certificate2>> Fail(VerificationFailure reason, string message) =>
        VerificationResult<IReadOnlyList<X509Certificate2>>.Fail(reason, message);
}

/// <summary>
/// Keys of did:web DIDs, as Gaia-X verifies them: the <c>kid</c> must be a DID URL; the DID
/// document must hold a verification method with exactly that id and a <c>publicKeyJwk</c> with
/// <c>alg</c>; the JWK must come with <c>x5c</c> or <c>x5u</c>, equal the leaf certificate's key,
/// and the chain must lead to a trust anchor. Verified keys are cached as long as the document.
/// </summary>
public sealed class DidWebKeyResolver(DidWebResolver resolver, CertificateChainValidator chains, X5uFetcher x5u, TimeProvider time) : IJwsKeyResolver
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
            return VerificationResult<ResolvedKey>.Fail(VerificationFailure.KeyNotFound, $"The DID document of {did} has no verification method '{keyId}'.");
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

    private async ValueTask<VerificationResult<ResolvedKey>> KeyFromMethodAsync(JsonElement method, string keyId, string did, CancellationToken cancellationToken)
    {
        if (!method.TryGetProperty("publicKeyJwk", out var jwkElement) || jwkElement.ValueKind != JsonValueKind.Object)
        {
            return VerificationResult<ResolvedKey>.Fail(VerificationFailure.InvalidKey, $"The verification method '{keyId}' has no publicKeyJwk.");
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
            return VerificationResult<ResolvedKey>.Fail(VerificationFailure.UntrustedChain, $"The publicKeyJwk of '{keyId}' has neither x5c nor x5u.");
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
                return VerificationResult<ResolvedKey>.Fail(VerificationFailure.KeyCertificateMismatch, $"The publicKeyJwk of '{keyId}' is not the leaf certificate's key.");
            }
            chain = validated.Value;
        }
        return VerificationResult<ResolvedKey>.Success(new ResolvedKey(key.Value) { Controller = did, KeyId = keyId, CertificateChain = chain });
    }
}

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

/// <summary>Chooses by header: a did:web <c>kid</c> → <see cref="DidWebKeyResolver"/>; otherwise <c>x5c</c> → <see cref="X5cKeyResolver"/>.</summary>
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
        return ValueTask.FromResult(jws.KeyId is null
            ? VerificationResult<ResolvedKey>.Fail(VerificationFailure.MissingKeyId, "The header has neither kid nor x5c.")
            : VerificationResult<ResolvedKey>.Fail(VerificationFailure.KeyNotFound, $"The kid '{jws.KeyId}' is not a did:web DID URL."));
    }
}
