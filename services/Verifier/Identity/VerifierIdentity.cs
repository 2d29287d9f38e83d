using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using GaiaX.Oid4vc.ServiceDefaults;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace GaiaX.Oid4vc.Verifier.Identity;

/// <summary>
/// The keys the Verifier signs its request objects with: its <c>did:web</c> key (client identifier
/// prefix <c>decentralized_identifier</c>) and, when configured, an X.509 certificate chain
/// (prefix <c>x509_san_dns</c>). Keys never leave the service.
/// </summary>
public interface IVerifierIdentity
{
    /// <summary>The Verifier's DID, e.g. <c>did:web:verifier.example.com</c>.</summary>
    string Did { get; }

    /// <summary>The DID URL of the signing key's verification method (the JWS <c>kid</c>).</summary>
    string KeyId { get; }

    SigningCredentials SigningCredentials { get; }

    /// <summary>The public signing key as it appears in the DID document.</summary>
    JsonWebKey PublicJwk { get; }

    /// <summary>The X.509 identity, or null when none is configured.</summary>
    X509ClientIdentity? X509 { get; }
}

/// <summary>An X.509 signing identity: the DNS SAN used as client identifier and the chain for <c>x5c</c>.</summary>
public sealed record X509ClientIdentity(string DnsName, IReadOnlyList<string> X5c, SigningCredentials SigningCredentials);

/// <summary>
/// A <c>did:web</c> identity derived from <see cref="VerifierOptions.PublicBaseUrl"/> with a P-256
/// key created when the service starts, plus the configured X.509 identity.
/// </summary>
internal sealed class GeneratedVerifierIdentity : IVerifierIdentity, IDisposable
{
    private readonly ECDsa _key;

    public GeneratedVerifierIdentity(IOptions<VerifierOptions> options)
    {
        var settings = options.Value;
        Did = DidWeb.FromUrl(new Uri(settings.PublicBaseUrl));
        _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var publicKey = new ECDsaSecurityKey(ECDsa.Create(_key.ExportParameters(false)));
        var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(publicKey);
        var thumbprint = Base64UrlEncoder.Encode(jwk.ComputeJwkThumbprint());
        KeyId = $"{Did}#{thumbprint}";
        jwk.Kid = KeyId;
        jwk.Alg = SecurityAlgorithms.EcdsaSha256;
        jwk.Use = "sig";
        PublicJwk = jwk;
        SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(_key) { KeyId = KeyId }, SecurityAlgorithms.EcdsaSha256);
        X509 = LoadX509(settings.X509);
    }

    public string Did { get; }

    public string KeyId { get; }

    public SigningCredentials SigningCredentials { get; }

    public JsonWebKey PublicJwk { get; }

    public X509ClientIdentity? X509 { get; }

    private static X509ClientIdentity? LoadX509(VerifierX509Options options)
    {
        if (string.IsNullOrWhiteSpace(options.CertificateChainPath) || string.IsNullOrWhiteSpace(options.PrivateKeyPath))
        {
            return null;
        }
        var chain = new X509Certificate2Collection();
        chain.ImportFromPemFile(options.CertificateChainPath);
        if (chain.Count == 0)
        {
            throw new OptionsValidationException(VerifierOptions.SectionName, typeof(VerifierOptions),
                [$"Setting '{VerifierOptions.SectionName}:X509:CertificateChainPath' is invalid: the file holds no certificate"]);
        }
        var leaf = chain[0];
        var sans = DnsNames(leaf);
        var dnsName = options.DnsName ?? sans.FirstOrDefault();
        if (dnsName is null || !sans.Contains(dnsName, StringComparer.OrdinalIgnoreCase))
        {
            throw new OptionsValidationException(VerifierOptions.SectionName, typeof(VerifierOptions),
                [$"Setting '{VerifierOptions.SectionName}:X509:DnsName' is invalid: the leaf certificate has no dNSName SAN '{dnsName}'"]);
        }
        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(options.PrivateKeyPath));
        using var leafKey = leaf.GetECDsaPublicKey();
        if (leafKey is null || !leafKey.ExportParameters(false).Q.X!.AsSpan().SequenceEqual(key.ExportParameters(false).Q.X))
        {
            throw new OptionsValidationException(VerifierOptions.SectionName, typeof(VerifierOptions),
                [$"Setting '{VerifierOptions.SectionName}:X509:PrivateKeyPath' is invalid: the key does not belong to the leaf certificate"]);
        }
        var x5c = chain.Select(c => Convert.ToBase64String(c.RawData)).ToList();
        return new X509ClientIdentity(dnsName, x5c, new SigningCredentials(new ECDsaSecurityKey(key), SecurityAlgorithms.EcdsaSha256));
    }

    /// <summary>The dNSName entries of the certificate's Subject Alternative Name extension.</summary>
    public static IReadOnlyList<string> DnsNames(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().SelectMany(e => e.EnumerateDnsNames()).ToList();

    public void Dispose() => _key.Dispose();
}

/// <summary>The <c>did:web</c> method's mapping between DIDs and URLs.</summary>
public static class DidWeb
{
    /// <summary><c>https://host:8443/a/b</c> → <c>did:web:host%3A8443:a:b</c>.</summary>
    public static string FromUrl(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var host = url.IsDefaultPort ? url.Host : $"{url.Host}%3A{url.Port}";
        var path = url.AbsolutePath.Trim('/');
        return path.Length == 0 ? $"did:web:{host}" : $"did:web:{host}:{path.Replace('/', ':')}";
    }
}
