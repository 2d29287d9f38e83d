using System.Buffers.Text;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace GaiaX.Oid4vc.Testing;

/// <summary>
/// The one test PKI. An instance is a throw-away certificate authority valid around the real now: a
/// root, optionally an issuing intermediate, and leaves it issues for a key. The static <c>Create*</c>
/// methods build single certificates with explicit validity (for tests on a fake clock) and with the
/// defects that the trust rules must catch: an expired or not-yet-valid CA or leaf, a leaf whose key
/// usage forbids signing, a self-signed leaf, a chain to a root nobody trusts (another instance), a
/// certificate policy. Keys are P-256, signatures ES256, serial numbers random and positive.
/// </summary>
public sealed class TestPki : IDisposable
{
    /// <summary>Starts a CA named <paramref name="name"/>; with <paramref name="withIntermediate"/> leaves are issued by an
    /// intermediate.</summary>
    public TestPki(string name = "Test Trust Anchor", bool withIntermediate = false)
    {
        var now = DateTimeOffset.UtcNow;
        Root = CreateRoot(name, now.AddDays(-2), now.AddYears(5));
        if (withIntermediate)
        {
            Intermediate = CreateIntermediate(Root, name + " Issuing CA", now.AddDays(-1), now.AddYears(3));
        }
    }

    /// <summary>The self-signed root: the trust anchor a relying party configures.</summary>
    public X509Certificate2 Root { get; }

    /// <summary>The intermediate that issues leaves, when there is one.</summary>
    public X509Certificate2? Intermediate { get; }

    /// <summary>The CA that signs leaves: the intermediate, or else the root.</summary>
    public X509Certificate2 IssuingCa => Intermediate ?? Root;

    /// <summary>The root certificate as PEM (a trust-anchor setting).</summary>
    public string RootPem => Root.ExportCertificatePem();

    /// <summary>The AKI of the leaves this CA issues, base64url (the DCQL <c>aki</c> value).</summary>
    public string AuthorityKeyIdentifier =>
        Base64Url.EncodeToString(IssuingCa.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single().SubjectKeyIdentifierBytes.Span);

    /// <summary>Writes the root as PEM into <paramref name="directory"/> and returns the path (a trust-anchor file).</summary>
    public string WriteAnchor(string directory)
    {
        var path = Path.Combine(directory, $"anchor-{Guid.NewGuid():N}.pem");
        File.WriteAllText(path, RootPem);
        return path;
    }

    /// <summary>A signing leaf for <paramref name="key"/>, valid from an hour ago for a year, optionally with DNS SANs.</summary>
    public X509Certificate2 Issue(ECDsa key, string subject, params string[] dnsNames)
    {
        var now = DateTimeOffset.UtcNow;
        return CreateLeaf(IssuingCa, key, subject, now.AddHours(-1), now.AddYears(1), dnsNames: dnsNames);
    }

    /// <summary>A leaf as <see cref="Issue"/> makes it, with the intermediate after it: the x5c chain without the root.</summary>
    public IReadOnlyList<X509Certificate2> IssueChain(ECDsa key, string subject, params string[] dnsNames)
    {
        var leaf = Issue(key, subject, dnsNames);
        return Intermediate is null ? [leaf] : [leaf, Intermediate];
    }

    /// <summary>A self-signed CA certificate (with its private key) valid from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static X509Certificate2 CreateRoot(string name, DateTimeOffset from, DateTimeOffset to)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return CaRequest(name, key).CreateSelfSigned(from, to);
    }

    /// <summary>A CA certificate (with its private key) issued by <paramref name="issuer"/>; a past <paramref name="to"/> makes an expired
    /// CA.</summary>
    public static X509Certificate2 CreateIntermediate(X509Certificate2 issuer, string name, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = CaRequest(name, key);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        using var certificate = Sign(request, issuer, from, to);
        return certificate.CopyWithPrivateKey(key);
    }

    /// <summary>
    /// An end-entity certificate for <paramref name="key"/> issued by <paramref name="issuer"/>. Its
    /// validity may lie outside the issuer's (signed without the check, to test an expired CA);
    /// <paramref name="usage"/> other than digital signature makes a leaf that may not sign;
    /// <paramref name="policyOid"/> adds a certificate policy.
    /// </summary>
    public static X509Certificate2 CreateLeaf(
        X509Certificate2 issuer,
        ECDsa key,
        string name,
        DateTimeOffset from,
        DateTimeOffset to,
        X509KeyUsageFlags usage = X509KeyUsageFlags.DigitalSignature,
        string? policyOid = null,
        IEnumerable<string>? dnsNames = null
    )
    {
        ArgumentNullException.ThrowIfNull(issuer);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, true));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        var names = dnsNames?.ToList() ?? [];
        if (names.Count > 0)
        {
            var san = new SubjectAlternativeNameBuilder();
            names.ForEach(san.AddDnsName);
            request.CertificateExtensions.Add(san.Build());
        }
        if (policyOid is not null)
        {
            request.CertificateExtensions.Add(PolicyExtension(policyOid));
        }
        return Sign(request, issuer, from, to);
    }

    /// <summary>A self-signed end-entity certificate: a leaf no CA vouches for.</summary>
    public static X509Certificate2 CreateSelfSignedLeaf(ECDsa key, string name, DateTimeOffset from, DateTimeOffset to)
    {
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        return request.CreateSelfSigned(from, to);
    }

    public void Dispose()
    {
        Root.Dispose();
        Intermediate?.Dispose();
    }

    private static CertificateRequest CaRequest(string name, ECDsa key)
    {
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request;
    }

    /// <summary>Signs with the issuer's key; outside the issuer's validity without .NET's check, so expired CAs can be made.</summary>
    private static X509Certificate2 Sign(CertificateRequest request, X509Certificate2 issuer, DateTimeOffset from, DateTimeOffset to)
    {
        if (from >= issuer.NotBefore && to <= issuer.NotAfter)
        {
            return request.Create(issuer, from, to, Serial());
        }
        using var issuerKey = issuer.GetECDsaPrivateKey()
            ?? throw new InvalidOperationException($"The issuer '{issuer.Subject}' has no EC private key.");
        return request.Create(issuer.SubjectName, X509SignatureGenerator.CreateForECDsa(issuerKey), from, to, Serial());
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
