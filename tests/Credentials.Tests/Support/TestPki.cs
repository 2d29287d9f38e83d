using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace GaiaX.Oid4vc.Credentials.Tests.Support;

/// <summary>Builds test certificate hierarchies (root → intermediate → leaf) with chosen defects.</summary>
public static class TestPki
{
    public static X509Certificate2 CreateRoot(string name, DateTimeOffset from, DateTimeOffset to)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(from, to);
    }

    public static X509Certificate2 CreateIntermediate(X509Certificate2 issuer, string name, DateTimeOffset from, DateTimeOffset to)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        using var cert = request.Create(issuer, from, to, Serial());
        return cert.CopyWithPrivateKey(key);
    }

    public static X509Certificate2 CreateLeaf(X509Certificate2 issuer, ECDsa key, string name, DateTimeOffset from, DateTimeOffset to,
        X509KeyUsageFlags usage = X509KeyUsageFlags.DigitalSignature, string? policyOid = null)
    {
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, true));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(name + ".example");
        request.CertificateExtensions.Add(san.Build());
        if (policyOid is not null)
        {
            request.CertificateExtensions.Add(PolicyExtension(policyOid));
        }
        if (to > issuer.NotAfter || from < issuer.NotBefore)
        {
            // A leaf outliving its issuer (to test an expired intermediate): sign without the validity check.
            using var issuerKey = issuer.GetECDsaPrivateKey()!;
            return request.Create(issuer.SubjectName, X509SignatureGenerator.CreateForECDsa(issuerKey), from, to, Serial());
        }
        return request.Create(issuer, from, to, Serial());
    }

    public static X509Certificate2 CreateSelfSignedLeaf(ECDsa key, string name, DateTimeOffset from, DateTimeOffset to)
    {
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        return request.CreateSelfSigned(from, to);
    }

    private static X509Extension PolicyExtension(string oid)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(oid);
        }
        return new X509Extension("2.5.29.32", writer.Encode(), false);
    }

    private static byte[] Serial()
    {
        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7F;
        return serial;
    }
}
