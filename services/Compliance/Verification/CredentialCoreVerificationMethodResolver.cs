using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.DidWeb;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.X509;

namespace GaiaX.Oid4vc.Compliance.Verification;

/// <summary>
/// Verification methods through the credential core: the SSRF-guarded, cached <see cref="DidWebResolver"/>,
/// the exact-<c>kid</c> lookup, <see cref="Jwk.ParsePublic"/>, and the chain from <c>x5c</c> or
/// <see cref="X5uFetcher"/>. Unlike the core's own key resolver it does not judge the chain against
/// local anchors: in the compliance engine that is the Gaia-X registry's verdict, its own filter.
/// Parsed methods are reused for as long as DID documents are cached.
/// </summary>
public sealed class CredentialCoreVerificationMethodResolver(DidWebResolver resolver, X5uFetcher x5u, TimeProvider time)
    : IVerificationMethodResolver
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset Expires, ResolvedVerificationMethod Method)> _methods = new(
        StringComparer.Ordinal
    );

    public async Task<ResolvedVerificationMethod> ResolveAsync(string keyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        var now = time.GetUtcNow();
        if (_methods.TryGetValue(keyId, out var cached) && cached.Expires > now)
        {
            return cached.Method;
        }

        var did = DidWebUrl.DidOf(keyId);
        if (did is null || !did.StartsWith(DidWebUrl.Prefix, StringComparison.Ordinal))
        {
            throw new VerificationMethodResolutionException($"The kid '{keyId}' is not a did:web DID URL.");
        }
        var document = await resolver.ResolveAsync(did, cancellationToken).ConfigureAwait(false);
        if (!document.Succeeded)
        {
            throw new VerificationMethodResolutionException(document.Error!.Message);
        }
        var method = document.Value!.FindVerificationMethod(keyId)
            ?? throw new VerificationMethodResolutionException($"The DID document of {did} has no verification method '{keyId}'.");
        var resolved = await ReadAsync(method, keyId, did, cancellationToken).ConfigureAwait(false);

        if (_methods.Count > 4096)
        {
            _methods.Clear();
        }
        _methods[keyId] = (now + resolver.Options.CacheDuration, resolved);
        return resolved;
    }

    private async Task<ResolvedVerificationMethod> ReadAsync(
        JsonElement method,
        string keyId,
        string did,
        CancellationToken cancellationToken
    )
    {
        if (!method.TryGetProperty("publicKeyJwk", out var jwkElement) || jwkElement.ValueKind != JsonValueKind.Object)
        {
            throw new VerificationMethodResolutionException($"The verification method '{keyId}' has no publicKeyJwk.");
        }
        var jwk = JsonNode.Parse(jwkElement.GetRawText())!.AsObject();
        var alg = Text(jwkElement, "alg") ?? throw new VerificationMethodResolutionException($"The publicKeyJwk of '{keyId}' has no alg.");
        var key = Jwk.ParsePublic(jwk);
        if (!key.Succeeded)
        {
            throw new VerificationMethodResolutionException($"The publicKeyJwk of '{keyId}' is not usable: {key.Error!.Message}");
        }

        IReadOnlyList<X509Certificate2> chain;
        Uri? chainUrl = null;
        if (jwkElement.TryGetProperty("x5c", out var x5c))
        {
            var parsed = CertificateChainValidator.ParseX5c(x5c);
            chain = parsed.Succeeded
                ? parsed.Value!
                : throw new VerificationMethodResolutionException($"The x5c of '{keyId}' is not usable: {parsed.Error!.Message}");
        }
        else if (Text(jwkElement, "x5u") is { } x5uText)
        {
            var fetched = await x5u.FetchAsync(x5uText, cancellationToken).ConfigureAwait(false);
            chain = fetched.Succeeded
                ? fetched.Value!
                : throw new VerificationMethodResolutionException($"The x5u of '{keyId}' is not usable: {fetched.Error!.Message}");
            chainUrl = new Uri(x5uText);
        }
        else
        {
            throw new VerificationMethodResolutionException($"The publicKeyJwk of '{keyId}' has neither x5c nor x5u.");
        }
        if (chain.Count == 0)
        {
            throw new VerificationMethodResolutionException($"The certificate chain of '{keyId}' is empty.");
        }

        return new ResolvedVerificationMethod
        {
            KeyId = keyId,
            Controller = did,
            Algorithm = alg,
            PublicKey = key.Value!,
            CertificateChain = chain,
            CertificateChainUrl = chainUrl,
            KeyMatchesLeafCertificate = CertificateChainValidator.KeyMatchesCertificate(key.Value!, chain[0]),
        };
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
