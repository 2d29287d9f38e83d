using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.Keys;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Verifier.Identity;

/// <summary>An X.509 signing identity: the DNS SAN used as client identifier and a key whose chain goes in <c>x5c</c>.</summary>
/// <summary>
/// The certificate a request object is signed under: <c>x509_hash</c> names any leaf, <c>x509_san_dns</c> needs its
/// <paramref name="DnsName"/> (null when the leaf has no dNSName SAN).
/// </summary>
public sealed record X509ClientIdentity(string? DnsName, SigningKey SigningKey);

/// <summary>
/// The service identity of the credential core (<c>Identity</c> settings) for DIDs, and for
/// <c>x509_hash</c> and <c>x509_san_dns</c> either <see cref="VerifierOptions.X509"/> or, when that is not set, the
/// service certificate itself (for <c>x509_san_dns</c> only if its leaf carries a DNS name).
/// </summary>
internal sealed class ServiceVerifierIdentity : IVerifierIdentity, IDisposable
{
    private readonly ServiceIdentity _identity;
    private readonly SigningKey? _ownX509Key;

    public ServiceVerifierIdentity(ServiceIdentity identity, IOptions<VerifierOptions> options)
    {
        _identity = identity;
        var x509 = options.Value.X509;
        if (!string.IsNullOrWhiteSpace(x509.CertificateChainPath) && !string.IsNullOrWhiteSpace(x509.PrivateKeyPath))
        {
            (var dnsName, _ownX509Key) = LoadX509(x509);
            X509 = new X509ClientIdentity(dnsName, _ownX509Key);
        }
        else if (identity.CertificateChain.Count > 0)
        {
            // The service certificate: x509_hash always, x509_san_dns when it names a DNS host (not an IP address).
            X509 = new X509ClientIdentity(DnsNames(identity.CertificateChain[0]).FirstOrDefault(), identity.SigningKey);
        }
        if (!string.IsNullOrWhiteSpace(options.Value.VerifierAttestation.Path))
        {
            Attestation = LoadAttestation(options.Value.VerifierAttestation.Path, identity.SigningKey);
        }
    }

    /// <summary>
    /// The attestation at <paramref name="path"/>, checked against what a wallet will check: its type, a <c>sub</c>, an
    /// <c>exp</c> still ahead and a <c>cnf.jwk</c> that is the service key (the key the request objects are signed with).
    /// </summary>
    private static VerifierAttestation LoadAttestation(string path, SigningKey key)
    {
        static OptionsValidationException Fail(string message) =>
            new(
                VerifierOptions.SectionName,
                typeof(VerifierOptions),
                [$"Setting '{VerifierOptions.SectionName}:VerifierAttestation:Path' is invalid: {message}"]
            );
        if (!File.Exists(path))
        {
            throw Fail($"{path} does not exist");
        }
        var jwt = File.ReadAllText(path).Trim();
        var parsed = Jws.Parse(
            jwt,
            new JwsPolicy { AllowedTypes = new HashSet<string>(["verifier-attestation+jwt"], StringComparer.OrdinalIgnoreCase) }
        );
        if (!parsed.Succeeded)
        {
            throw Fail($"{path} holds no verifier-attestation+jwt ({parsed.Error.Message})");
        }
        var payload = parsed.Value.Payload;
        var subject = parsed.Value.PayloadString("sub");
        if (string.IsNullOrEmpty(subject) || string.IsNullOrEmpty(parsed.Value.PayloadString("iss")))
        {
            throw Fail("the attestation has no iss or no sub");
        }
        if (
            !payload.TryGetProperty("exp", out var exp)
            || !exp.TryGetInt64(out var expires)
            || expires <= DateTimeOffset.UtcNow.ToUnixTimeSeconds()
        )
        {
            throw Fail("the attestation has no exp or has expired");
        }
        if (
            !payload.TryGetProperty("cnf", out var cnf)
            || cnf.ValueKind != System.Text.Json.JsonValueKind.Object
            || !cnf.TryGetProperty("jwk", out var jwk)
            || jwk.ValueKind != System.Text.Json.JsonValueKind.Object
            || Jwk.Thumbprint(System.Text.Json.Nodes.JsonNode.Parse(jwk.GetRawText())!.AsObject()) != key.PublicKey.Thumbprint()
        )
        {
            throw Fail("its cnf.jwk is not the service key (Identity), which signs the request objects");
        }
        return new VerifierAttestation(subject, jwt);
    }

    public string Did => _identity.Did;

    public SigningKey SigningKey => _identity.SigningKey;

    public X509ClientIdentity? X509 { get; }

    public VerifierAttestation? Attestation { get; }

    private static (string DnsName, SigningKey Key) LoadX509(VerifierX509Options options)
    {
        var chain = new X509Certificate2Collection();
        chain.ImportFromPemFile(options.CertificateChainPath!);
        if (chain.Count == 0)
        {
            throw Invalid("CertificateChainPath", "the file holds no certificate");
        }
        var sans = DnsNames(chain[0]);
        var dnsName = options.DnsName ?? sans.FirstOrDefault();
        if (dnsName is null || !sans.Contains(dnsName, StringComparer.OrdinalIgnoreCase))
        {
            throw Invalid("DnsName", $"the leaf certificate has no dNSName SAN '{dnsName}'");
        }
        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(options.PrivateKeyPath!));
        using var leafKey = chain[0].GetECDsaPublicKey();
        if (leafKey is null || !leafKey.ExportParameters(false).Q.X!.AsSpan().SequenceEqual(key.ExportParameters(false).Q.X))
        {
            key.Dispose();
            throw Invalid("PrivateKeyPath", "the key does not belong to the leaf certificate");
        }
        return (dnsName, new SigningKey(key, JwsAlgorithms.ES256, keyId: null, certificateChain: chain.ToList()));
    }

    private static OptionsValidationException Invalid(string member, string message) =>
        new(
            VerifierOptions.SectionName,
            typeof(VerifierOptions),
            [$"Setting '{VerifierOptions.SectionName}:X509:{member}' is invalid: {message}"]
        );

    /// <summary>The dNSName entries of the certificate's Subject Alternative Name extension.</summary>
    public static IReadOnlyList<string> DnsNames(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().SelectMany(e => e.EnumerateDnsNames()).ToList();

    public void Dispose() => _ownX509Key?.Dispose();
}
