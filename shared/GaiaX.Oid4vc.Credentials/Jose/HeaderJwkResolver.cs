using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GaiaX.Oid4vc.Credentials.Jose;

/// <summary>
/// Holder-proof keys carried in the JWS header itself (<c>jwk</c>), as in OID4VCI proof JWTs and
/// DPoP: exactly one of <c>jwk</c> / <c>kid</c> / <c>x5c</c>; a private JWK is refused. Keys are
/// cached by thumbprint so a wallet's repeated proofs do not re-import the key.
/// </summary>
public sealed class HeaderJwkResolver : IJwsKeyResolver
{
    // A wallet's DPoP key comes back within seconds; a proof key per credential never does. A thousand keys cover the
    // wallets in session, and a cleared key's native handle is released by its finalizer (another proof may be using it).
    private const int MaxCachedKeys = 1_000;

    // Keyed by the header jwk's exact JSON text: the same text always parses to the same key, so a
    // hit skips nothing the strict parser would check. A wallet sends the same jwk on every DPoP
    // proof; a hit saves the JWK parse, the key import (~2 µs on the native EC path, ~90 µs through
    // .NET's ECDsa where that path is off) and the thumbprint.
    private readonly ConcurrentDictionary<string, (VerificationKey Key, string Thumbprint)> _cache = new(StringComparer.Ordinal);

    // ConcurrentDictionary.Count takes every lock; an approximate count is enough for the bound.
    private int _cached;

    public ValueTask<VerificationResult<ResolvedKey>> ResolveAsync(ParsedJws jws, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jws);
        var result = ResolveFromHeader(jws);
        return ValueTask.FromResult(result);
    }

    /// <summary>Parses the header <c>jwk</c> strictly and checks it fits <c>alg</c>.</summary>
    public VerificationResult<ResolvedKey> ResolveFromHeader(ParsedJws jws)
    {
        ArgumentNullException.ThrowIfNull(jws);
        var present =
            (jws.Header.TryGetProperty("jwk", out _) ? 1 : 0)
            + (jws.Header.TryGetProperty("kid", out _) ? 1 : 0)
            + (jws.Header.TryGetProperty("x5c", out _) ? 1 : 0);
        if (present != 1)
        {
            return VerificationResult<ResolvedKey>.Fail(
                VerificationFailure.InvalidKey,
                "Exactly one of jwk, kid and x5c must be in the header."
            );
        }
        if (!jws.Header.TryGetProperty("jwk", out var jwkElement) || jwkElement.ValueKind != JsonValueKind.Object)
        {
            return VerificationResult<ResolvedKey>.Fail(VerificationFailure.KeyNotFound, "The header carries no jwk.");
        }
        var text = jwkElement.GetRawText();
        if (!_cache.TryGetValue(text, out var entry))
        {
            var jwk = JsonNode.Parse(text)!.AsObject();
            var parsed = Jwk.ParsePublic(jwk);
            if (!parsed.Succeeded)
            {
                return parsed.Error;
            }
            if (Interlocked.Increment(ref _cached) > MaxCachedKeys)
            {
                // Every wallet brings its own key: keep the cache bounded rather than let it grow without end.
                Interlocked.Exchange(ref _cached, 0);
                _cache.Clear();
            }
            entry = _cache.GetOrAdd(text, (parsed.Value, parsed.Value.Thumbprint()));
            if (!ReferenceEquals(entry.Key, parsed.Value))
            {
                parsed.Value.Dispose();
            }
        }
        if (!entry.Key.IsCompatibleWith(jws.Algorithm))
        {
            return VerificationResult<ResolvedKey>.Fail(
                VerificationFailure.KeyAlgorithmMismatch,
                $"The header jwk cannot verify {jws.Algorithm}."
            );
        }
        return VerificationResult<ResolvedKey>.Success(new ResolvedKey(entry.Key) { KeyId = entry.Thumbprint });
    }
}
