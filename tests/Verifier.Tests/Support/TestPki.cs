using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Verifier.Tests.Support;

/// <summary>A throw-away certificate authority for tests: issues issuer and verifier certificates.</summary>
public sealed class TestPki : IDisposable
{
    private readonly ECDsa _caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public TestPki(string name = "Test Trust Anchor")
    {
        var request = new CertificateRequest($"CN={name}", _caKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        Certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    }

    public X509Certificate2 Certificate { get; }

    /// <summary>A leaf certificate for <paramref name="key"/>, optionally with DNS SANs.</summary>
    public X509Certificate2 Issue(ECDsa key, string subject, params string[] dnsNames)
    {
        ArgumentNullException.ThrowIfNull(key);
        var request = new CertificateRequest($"CN={subject}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));
        if (dnsNames.Length > 0)
        {
            var san = new SubjectAlternativeNameBuilder();
            foreach (var name in dnsNames)
            {
                san.AddDnsName(name);
            }
            request.CertificateExtensions.Add(san.Build());
        }
        var serial = RandomNumberGenerator.GetBytes(12);
        return request.Create(Certificate, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30), serial);
    }

    /// <summary>Writes the CA certificate as PEM and returns the path.</summary>
    public string WriteAnchor(string directory)
    {
        var path = Path.Combine(directory, $"anchor-{Guid.NewGuid():N}.pem");
        File.WriteAllText(path, Certificate.ExportCertificatePem());
        return path;
    }

    /// <summary>The AKI of certificates this CA issues, base64url (the DCQL <c>aki</c> value).</summary>
    public string AuthorityKeyIdentifier =>
        System.Buffers.Text.Base64Url.EncodeToString(Certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single().SubjectKeyIdentifierBytes.Span);

    public void Dispose()
    {
        Certificate.Dispose();
        _caKey.Dispose();
    }
}
