using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Compliance.Verification;

/// <summary>Settings of <c>did:web</c> resolution (<c>Compliance:DidWeb</c>).</summary>
public sealed class DidWebOptions
{
    public const string SectionName = "Compliance:DidWeb";

    /// <summary>Plain HTTP to loopback hosts, for development and tests only; everything else is HTTPS.</summary>
    public bool AllowHttpToLoopback { get; set; }

    /// <summary>How long a resolved verification method is reused.</summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Largest DID document or x5u chain accepted.</summary>
    public int MaxDocumentBytes { get; set; } = 256 * 1024;
}

/// <summary>
/// Resolves <c>did:web</c> verification methods (DID document by HTTPS, method by exact <c>kid</c>,
/// <c>publicKeyJwk</c> with <c>alg</c>, chain from <c>x5c</c> or <c>x5u</c>), cached per kid.
/// </summary>
public sealed class DidWebVerificationMethodResolver(HttpClient http, IOptions<DidWebOptions> options, TimeProvider time) : IVerificationMethodResolver
{
    public const string HttpClientName = "did-web";

    private readonly ConcurrentDictionary<string, (DateTimeOffset Expires, Task<ResolvedVerificationMethod> Method)> _cache = new(StringComparer.Ordinal);

    public Task<ResolvedVerificationMethod> ResolveAsync(string keyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(keyId, out var cached) && cached.Expires > now && !cached.Method.IsFaulted && !cached.Method.IsCanceled)
        {
            return cached.Method;
        }
        var task = ResolveUncachedAsync(keyId, cancellationToken);
        _cache[keyId] = (now + options.Value.CacheDuration, task);
        return task;
    }

    private async Task<ResolvedVerificationMethod> ResolveUncachedAsync(string keyId, CancellationToken cancellationToken)
    {
        var hash = keyId.IndexOf('#', StringComparison.Ordinal);
        if (hash <= 0 || hash == keyId.Length - 1)
        {
            throw new VerificationMethodResolutionException($"kid '{keyId}' is not a DID URL with a fragment.");
        }
        var did = keyId[..hash];
        var url = DidWebUrl(did);

        using var document = await FetchJsonAsync(url, "DID document", cancellationToken).ConfigureAwait(false);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("id", out var id) || id.GetString() != did)
        {
            throw new VerificationMethodResolutionException($"The DID document at {url} is not the document of {did} (its id differs).");
        }
        if (!root.TryGetProperty("verificationMethod", out var methods) || methods.ValueKind != JsonValueKind.Array)
        {
            throw new VerificationMethodResolutionException($"The DID document of {did} has no verificationMethod.");
        }
        foreach (var method in methods.EnumerateArray())
        {
            var methodId = method.TryGetProperty("id", out var mid) ? mid.GetString() : null;
            if (methodId is null || (methodId != keyId && did + methodId != keyId))
            {
                continue;
            }
            return await ReadMethodAsync(keyId, did, method, cancellationToken).ConfigureAwait(false);
        }
        throw new VerificationMethodResolutionException($"The DID document of {did} has no verification method '{keyId}'.");
    }

    private async Task<ResolvedVerificationMethod> ReadMethodAsync(string keyId, string did, JsonElement method, CancellationToken cancellationToken)
    {
        if (!method.TryGetProperty("publicKeyJwk", out var jwk) || jwk.ValueKind != JsonValueKind.Object)
        {
            throw new VerificationMethodResolutionException($"Verification method '{keyId}' has no publicKeyJwk.");
        }
        var alg = String(jwk, "alg") ?? throw new VerificationMethodResolutionException($"The publicKeyJwk of '{keyId}' has no 'alg'.");
        var key = JwkPublicKey(keyId, jwk);

        IReadOnlyList<X509Certificate2> chain;
        Uri? x5u = null;
        if (jwk.TryGetProperty("x5c", out var x5c) && x5c.ValueKind == JsonValueKind.Array && x5c.GetArrayLength() > 0)
        {
            try
            {
                chain = x5c.EnumerateArray().Select(c => X509CertificateLoader.LoadCertificate(Convert.FromBase64String(c.GetString() ?? ""))).ToArray();
            }
            catch (Exception e) when (e is FormatException or CryptographicException)
            {
                throw new VerificationMethodResolutionException($"The x5c of '{keyId}' is not a list of base64 DER certificates.", e);
            }
        }
        else if (String(jwk, "x5u") is { } x5uText && Uri.TryCreate(x5uText, UriKind.Absolute, out var x5uUrl))
        {
            x5u = x5uUrl;
            CheckFetchable(x5uUrl, "x5u");
            var pem = await FetchTextAsync(x5uUrl, "x5u certificate chain", cancellationToken).ConfigureAwait(false);
            var certificates = new X509Certificate2Collection();
            try
            {
                certificates.ImportFromPem(pem);
            }
            catch (CryptographicException e)
            {
                throw new VerificationMethodResolutionException($"The x5u of '{keyId}' ({x5uUrl}) is not a PEM certificate chain.", e);
            }
            chain = certificates.ToArray();
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
            PublicKey = key,
            CertificateChain = chain,
            CertificateChainUrl = x5u,
        };
    }

    private static AsymmetricAlgorithm JwkPublicKey(string keyId, JsonElement jwk)
    {
        try
        {
            switch (String(jwk, "kty"))
            {
                case "EC":
                    var curve = String(jwk, "crv") switch
                    {
                        "P-256" => ECCurve.NamedCurves.nistP256,
                        "P-384" => ECCurve.NamedCurves.nistP384,
                        var other => throw new VerificationMethodResolutionException($"The publicKeyJwk of '{keyId}' uses curve '{other}', which is not accepted."),
                    };
                    return ECDsa.Create(new ECParameters
                    {
                        Curve = curve,
                        Q = new ECPoint { X = Base64Url(jwk, "x"), Y = Base64Url(jwk, "y") },
                    });
                case "RSA":
                    var rsa = RSA.Create();
                    rsa.ImportParameters(new RSAParameters { Modulus = Base64Url(jwk, "n"), Exponent = Base64Url(jwk, "e") });
                    return rsa;
                default:
                    throw new VerificationMethodResolutionException($"The publicKeyJwk of '{keyId}' has key type '{String(jwk, "kty")}', which is not accepted.");
            }
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            throw new VerificationMethodResolutionException($"The publicKeyJwk of '{keyId}' is not a valid public key.", e);
        }
    }

    private static byte[] Base64Url(JsonElement jwk, string name) =>
        System.Buffers.Text.Base64Url.DecodeFromChars(String(jwk, name) ?? throw new FormatException($"'{name}' missing"));

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private Uri DidWebUrl(string did)
    {
        const string prefix = "did:web:";
        if (!did.StartsWith(prefix, StringComparison.Ordinal) || did.Length == prefix.Length)
        {
            throw new VerificationMethodResolutionException($"'{did}' is not a did:web DID; only did:web is resolved.");
        }
        var parts = did[prefix.Length..].Split(':');
        var host = Uri.UnescapeDataString(parts[0]);
        if (host.Contains('/', StringComparison.Ordinal) || host.Contains('@', StringComparison.Ordinal))
        {
            throw new VerificationMethodResolutionException($"'{did}' does not name a valid host.");
        }
        var path = parts.Length == 1 ? "/.well-known/did.json" : "/" + string.Join('/', parts.Skip(1).Select(Uri.UnescapeDataString)) + "/did.json";
        if (!Uri.TryCreate("https://" + host + path, UriKind.Absolute, out var url))
        {
            throw new VerificationMethodResolutionException($"'{did}' does not map to a valid URL.");
        }
        if (options.Value.AllowHttpToLoopback && IsLoopback(url))
        {
            url = new UriBuilder(url) { Scheme = Uri.UriSchemeHttp, Port = url.IsDefaultPort ? 80 : url.Port }.Uri;
        }
        CheckFetchable(url, did);
        return url;
    }

    private void CheckFetchable(Uri url, string what)
    {
        // A loopback or private target is refused unless development explicitly allows loopback.
        var loopback = IsLoopback(url);
        if (url.Scheme != Uri.UriSchemeHttps && !(loopback && options.Value.AllowHttpToLoopback && url.Scheme == Uri.UriSchemeHttp))
        {
            throw new VerificationMethodResolutionException($"{what}: only HTTPS URLs are fetched ({url}).");
        }
        if (IPAddress.TryParse(url.Host.Trim('[', ']'), out var ip) && !loopback && IsSpecial(ip))
        {
            throw new VerificationMethodResolutionException($"{what}: {url.Host} is a private or special address and is not fetched.");
        }
        if (loopback && !options.Value.AllowHttpToLoopback)
        {
            throw new VerificationMethodResolutionException($"{what}: {url.Host} is a loopback address and is not fetched.");
        }
    }

    private static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    private static bool IsSpecial(IPAddress ip)
    {
        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }
        var b = ip.GetAddressBytes();
        return ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            ? b[0] is 0 or 10 or 127 || (b[0] == 169 && b[1] == 254) || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168) || (b[0] == 100 && b[1] is >= 64 and <= 127) || b[0] >= 224
            : ip.IsIPv6LinkLocal || ip.IsIPv6SiteLocal || ip.IsIPv6UniqueLocal || ip.IsIPv6Multicast || IPAddress.IPv6Any.Equals(ip);
    }

    private async Task<JsonDocument> FetchJsonAsync(Uri url, string what, CancellationToken cancellationToken)
    {
        var text = await FetchTextAsync(url, what, cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new VerificationMethodResolutionException($"The {what} at {url} is not JSON.", e);
        }
    }

    private async Task<string> FetchTextAsync(Uri url, string what, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new VerificationMethodResolutionException($"The {what} at {url} answered {(int)response.StatusCode}.");
            }
            var limit = options.Value.MaxDocumentBytes;
            if (response.Content.Headers.ContentLength > limit)
            {
                throw new VerificationMethodResolutionException($"The {what} at {url} is larger than {limit} bytes.");
            }
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var buffer = new byte[limit + 1];
            var read = 0;
            int n;
            while (read <= limit && (n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false)) > 0)
            {
                read += n;
            }
            if (read > limit)
            {
                throw new VerificationMethodResolutionException($"The {what} at {url} is larger than {limit} bytes.");
            }
            return System.Text.Encoding.UTF8.GetString(buffer, 0, read);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new VerificationMethodResolutionException($"The {what} at {url} could not be fetched: {e.Message}", e);
        }
    }
}
