using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Compliance.Tests;

/// <summary>A certificate authority made for one test run (root, optionally an intermediate).</summary>
public sealed class TestCertificateAuthority : IDisposable
{
    private readonly ECDsa _rootKey;
    private readonly ECDsa _issuingKey;

    public TestCertificateAuthority(string name, bool withIntermediate = true)
    {
        var now = DateTimeOffset.UtcNow;
        _rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootRequest = new CertificateRequest($"CN={name} Root CA, O=Test", _rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        rootRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(rootRequest.PublicKey, false));
        Root = rootRequest.CreateSelfSigned(now.AddDays(-2), now.AddYears(5));

        if (withIntermediate)
        {
            _issuingKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest($"CN={name} Issuing CA, O=Test", _issuingKey, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Root, true, false));
            using var withoutKey = request.Create(Root, now.AddDays(-1), now.AddYears(3), RandomSerial());
            Intermediate = withoutKey.CopyWithPrivateKey(_issuingKey);
        }
        else
        {
            _issuingKey = _rootKey;
        }
    }

    public X509Certificate2 Root { get; }

    public X509Certificate2? Intermediate { get; }

    public string RootPem => Root.ExportCertificatePem();

    /// <summary>A leaf certificate for <paramref name="key"/>; the chain returned is leaf first, without the root.</summary>
    public IReadOnlyList<X509Certificate2> IssueLeaf(string commonName, ECDsa key, DateTimeOffset? notAfter = null)
    {
        var now = DateTimeOffset.UtcNow;
        var issuer = Intermediate ?? Root;
        var request = new CertificateRequest($"CN={commonName}, O=Test", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        var leaf = request.Create(issuer.SubjectName, X509SignatureGenerator.CreateForECDsa(_issuingKey), now.AddHours(-1), notAfter ?? now.AddYears(1), RandomSerial());
        return Intermediate is null ? [leaf] : [leaf, Intermediate];
    }

    private static byte[] RandomSerial() => RandomNumberGenerator.GetBytes(12);

    public void Dispose()
    {
        Root.Dispose();
        Intermediate?.Dispose();
        _rootKey.Dispose();
        if (!ReferenceEquals(_issuingKey, _rootKey))
        {
            _issuingKey.Dispose();
        }
    }
}
