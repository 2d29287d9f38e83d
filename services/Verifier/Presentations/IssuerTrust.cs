using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace GaiaX.Oid4vc.Verifier.Presentations;

/// <summary>An issuer's verification key that chains to a trust anchor.</summary>
public sealed record TrustedIssuerKey(SecurityKey Key, IReadOnlyList<string> AuthorityKeyIdentifiers);

/// <summary>The key of a credential's issuer, or why the issuer is not trusted.</summary>
public sealed record IssuerKeyResolution(TrustedIssuerKey? Key, string? FailureCode, string? Failure)
{
    public static IssuerKeyResolution Untrusted(string failure) => new(null, PresentationFailureCodes.UntrustedIssuer, failure);
}

/// <summary>
/// Finds the key that signed a credential and decides whether its issuer is trusted: the chain
/// is built to a configured trust anchor, never trusted because the caller supplied it.
/// </summary>
public interface IIssuerKeyResolver
{
    Task<IssuerKeyResolution> ResolveAsync(CompactJwsToken credential, string? issuer, CancellationToken cancellationToken);
}

/// <summary>
/// Trusts an issuer when the credential's <c>x5c</c> chain builds to one of
/// <see cref="IssuerTrustOptions.TrustAnchorPaths"/> at the current time and, when
/// <see cref="IssuerTrustOptions.TrustedIssuers"/> is set, its <c>iss</c> is listed.
/// </summary>
internal sealed class X509IssuerKeyResolver : IIssuerKeyResolver, IDisposable
{
    private readonly X509Certificate2Collection _anchors = [];
    private readonly IReadOnlyList<string> _trustedIssuers;
    private readonly TimeProvider _time;

    public X509IssuerKeyResolver(IOptions<VerifierOptions> options, TimeProvider time)
    {
        _time = time;
        foreach (var path in options.Value.Trust.TrustAnchorPaths)
        {
            _anchors.ImportFromPemFile(path);
        }
        _trustedIssuers = options.Value.Trust.TrustedIssuers;
    }

    public Task<IssuerKeyResolution> ResolveAsync(CompactJwsToken credential, string? issuer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credential);
        if (_trustedIssuers.Count > 0 && (issuer is null || !_trustedIssuers.Contains(issuer, StringComparer.Ordinal)))
        {
            return Task.FromResult(IssuerKeyResolution.Untrusted($"issuer '{issuer}' is not on the trusted issuer list"));
        }
        var x5c = credential.X5c;
        if (x5c.Count == 0)
        {
            return Task.FromResult(IssuerKeyResolution.Untrusted("the credential carries no x5c certificate chain to establish its issuer's trust"));
        }
        var certificates = new List<X509Certificate2>();
        try
        {
            foreach (var encoded in x5c.Take(10))
            {
                certificates.Add(X509CertificateLoader.LoadCertificate(Convert.FromBase64String(encoded)));
            }
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            Dispose(certificates);
            return Task.FromResult(IssuerKeyResolution.Untrusted("the x5c chain holds an unreadable certificate"));
        }

        try
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(_anchors);
            chain.ChainPolicy.ExtraStore.AddRange(certificates.Skip(1).ToArray());
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.VerificationTime = _time.GetUtcNow().UtcDateTime;
            chain.ChainPolicy.VerificationTimeIgnored = false;
            if (_anchors.Count == 0 || !chain.Build(certificates[0]))
            {
                var status = string.Join(", ", chain.ChainStatus.Select(s => s.Status.ToString()).Distinct());
                return Task.FromResult(IssuerKeyResolution.Untrusted($"the issuer's certificate does not chain to a trust anchor ({(status.Length == 0 ? "no anchors" : status)})"));
            }
            var leaf = certificates[0];
            SecurityKey? key = leaf.GetECDsaPublicKey() is { } ec ? new ECDsaSecurityKey(ec) : leaf.GetRSAPublicKey() is { } rsa ? new RsaSecurityKey(rsa) : null;
            if (key is null)
            {
                return Task.FromResult(IssuerKeyResolution.Untrusted("the issuer's certificate has no EC or RSA key"));
            }
            var akis = chain.ChainElements
                .Select(e => e.Certificate.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().FirstOrDefault()?.KeyIdentifier)
                .Where(k => k is not null)
                .Select(k => Base64Url.EncodeToString(k!.Value.Span))
                .ToList();
            return Task.FromResult(new IssuerKeyResolution(new TrustedIssuerKey(key, akis), null, null));
        }
        finally
        {
            Dispose(certificates);
        }
    }

    private static void Dispose(List<X509Certificate2> certificates)
    {
        foreach (var certificate in certificates)
        {
            certificate.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var anchor in _anchors)
        {
            anchor.Dispose();
        }
    }
}

/// <summary>Holder keys named by a self-certifying <c>did:jwk</c> (the DID is the key).</summary>
public static class DidJwk
{
    public static JsonWebKey? TryResolve(string? didOrDidUrl)
    {
        if (didOrDidUrl is null || !didOrDidUrl.StartsWith("did:jwk:", StringComparison.Ordinal))
        {
            return null;
        }
        var encoded = didOrDidUrl["did:jwk:".Length..];
        var fragment = encoded.IndexOf('#', StringComparison.Ordinal);
        if (fragment >= 0)
        {
            encoded = encoded[..fragment];
        }
        try
        {
            var json = Base64Url.DecodeFromChars(encoded);
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object || document.RootElement.TryGetProperty("d", out _))
            {
                return null;
            }
            return new JsonWebKey(System.Text.Encoding.UTF8.GetString(json));
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
        {
            return null;
        }
    }
}
