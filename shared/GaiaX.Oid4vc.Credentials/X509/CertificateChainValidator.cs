using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using GaiaX.Oid4vc.Credentials.Jose;

namespace GaiaX.Oid4vc.Credentials.X509;

/// <summary>
/// Validates a certificate chain (leaf first, as in <c>x5c</c>) to the configured
/// <see cref="TrustAnchors"/> only: validity periods of every certificate, the leaf's key usage
/// (digitalSignature), a self-signed leaf refused, and an optional certificate policy OID on the
/// leaf (Gaia-X production asks for EV SSL, <see cref="ExtendedValidationPolicyOid"/>).
/// Revocation is not fetched (no network from here; short-lived certificates are the remedy): a validator may be
/// given a revocation list instead (the SHA-256 of each revoked certificate's DER, hex, as a registry publishes it),
/// and then refuses a chain that holds, or is built through, a certificate on it.
/// </summary>
public sealed class CertificateChainValidator(TrustAnchors anchors, TimeProvider time, IReadOnlySet<string>? revokedCertificates = null)
{
    /// <summary>CA/Browser Forum EV SSL certificate policy.</summary>
    public const string ExtendedValidationPolicyOid = "2.23.140.1.1";

    /// <summary>Upper bound of certificates in a chain.</summary>
    public const int MaxChainLength = 10;

    public TrustAnchors Anchors { get; } = anchors;

    /// <summary>The clock validity periods are checked against.</summary>
    public TimeProvider Time { get; } = time;

    /// <summary>The revoked certificates, by the SHA-256 of their DER (hex, either case); empty when none are known.</summary>
    public IReadOnlySet<string> RevokedCertificates { get; } =
        revokedCertificates is null || revokedCertificates.Count == 0
            ? EmptyRevocations
            : revokedCertificates.Select(h => h.ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);

    private static readonly IReadOnlySet<string> EmptyRevocations = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The SHA-256 of a certificate's DER, upper-case hex: how a revocation list names it.</summary>
    public static string Sha256Of(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Convert.ToHexString(SHA256.HashData(certificate.RawDataMemory.Span));
    }

    public VerificationResult<IReadOnlyList<X509Certificate2>> Validate(
        IReadOnlyList<X509Certificate2> chain,
        string? requiredPolicyOid = null
    )
    {
        ArgumentNullException.ThrowIfNull(chain);
        try
        {
            return ValidateCore(chain, requiredPolicyOid);
        }
        catch (CryptographicException ex)
        {
            // A certificate that parses but whose contents the platform cannot process (a mangled key or extension).
            return Fail(VerificationFailure.CertificateMalformed, "A certificate in the chain cannot be processed: " + ex.Message);
        }
    }

    private VerificationResult<IReadOnlyList<X509Certificate2>> ValidateCore(
        IReadOnlyList<X509Certificate2> chain,
        string? requiredPolicyOid
    )
    {
        if (chain.Count == 0)
        {
            return Fail(VerificationFailure.CertificateMalformed, "The certificate chain is empty.");
        }
        if (chain.Count > MaxChainLength)
        {
            return Fail(
                VerificationFailure.Oversized,
                $"The certificate chain has {chain.Count} certificates; at most {MaxChainLength} are accepted."
            );
        }
        // Before anything else: a revoked certificate is the reason, whatever else is wrong with the chain.
        if (Revoked(chain) is { } given)
        {
            return given;
        }
        var leaf = chain[0];
        if (IsSelfSigned(leaf))
        {
            return Fail(VerificationFailure.SelfSignedCertificate, $"The leaf certificate '{leaf.Subject}' is self-signed.");
        }
        var keyUsage = leaf.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault();
        if (keyUsage is not null && !keyUsage.KeyUsages.HasFlag(X509KeyUsageFlags.DigitalSignature))
        {
            return Fail(
                VerificationFailure.CertificateKeyUsage,
                $"The leaf certificate '{leaf.Subject}' may not be used for digital signatures."
            );
        }
        var now = Time.GetUtcNow().UtcDateTime;
        using var x509 = new X509Chain();
        x509.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        x509.ChainPolicy.CustomTrustStore.AddRange(Anchors.Certificates);
        // A self-signed certificate supplied by the caller is a root candidate the caller chose: drop it.
        foreach (var intermediate in chain.Skip(1).Where(c => !IsSelfSigned(c)))
        {
            x509.ChainPolicy.ExtraStore.Add(intermediate);
        }
        x509.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        x509.ChainPolicy.DisableCertificateDownloads = true;
        x509.ChainPolicy.VerificationTime = now;
        x509.ChainPolicy.VerificationTimeIgnored = false;
        if (!x509.Build(leaf))
        {
            return MapFailure(x509, now);
        }
        var root = x509.ChainElements[^1].Certificate;
        if (!Anchors.Certificates.Any(a => a.RawDataMemory.Span.SequenceEqual(root.RawDataMemory.Span)))
        {
            return Fail(VerificationFailure.UntrustedChain, "The chain does not end in a configured trust anchor.");
        }
        if (requiredPolicyOid is not null && !Policies(leaf).Contains(requiredPolicyOid))
        {
            return Fail(
                VerificationFailure.CertificatePolicyMissing,
                $"The leaf certificate lacks the certificate policy {requiredPolicyOid}."
            );
        }
        var built = x509.ChainElements.Select(e => e.Certificate).ToList();
        // The path may run through certificates the caller did not send (an anchor): they count as much.
        return Revoked(built) ?? VerificationResult<IReadOnlyList<X509Certificate2>>.Success(built);
    }

    private VerificationResult<IReadOnlyList<X509Certificate2>>? Revoked(IEnumerable<X509Certificate2> certificates)
    {
        if (RevokedCertificates.Count == 0)
        {
            return null;
        }
        foreach (var certificate in certificates)
        {
            var sha256 = Sha256Of(certificate);
            if (RevokedCertificates.Contains(sha256))
            {
                return Fail(
                    VerificationFailure.CertificateRevoked,
                    $"The certificate '{certificate.Subject}' (SHA-256 {sha256}) in the chain is revoked."
                );
            }
        }
        return null;
    }

    /// <summary>Parses an <c>x5c</c> array (standard base64 DER, leaf first).</summary>
    public static VerificationResult<IReadOnlyList<X509Certificate2>> ParseX5c(JsonElement x5c)
    {
        if (x5c.ValueKind != JsonValueKind.Array || x5c.GetArrayLength() == 0)
        {
            return Fail(VerificationFailure.CertificateMalformed, "x5c must be a non-empty array.");
        }
        if (x5c.GetArrayLength() > MaxChainLength)
        {
            return Fail(VerificationFailure.Oversized, $"x5c holds more than {MaxChainLength} certificates.");
        }
        var certificates = new List<X509Certificate2>();
        foreach (var entry in x5c.EnumerateArray())
        {
            try
            {
                if (entry.ValueKind != JsonValueKind.String)
                {
                    return Fail(VerificationFailure.CertificateMalformed, "x5c entries must be base64 strings.");
                }
                certificates.Add(X509CertificateLoader.LoadCertificate(Convert.FromBase64String(entry.GetString()!)));
            }
            catch (Exception ex) when (ex is FormatException or CryptographicException)
            {
                return Fail(VerificationFailure.CertificateMalformed, "An x5c entry is not a DER certificate.");
            }
        }
        return VerificationResult<IReadOnlyList<X509Certificate2>>.Success(certificates);
    }

    /// <summary>Parses a PEM certificate chain (as served at an <c>x5u</c> URL), leaf first.</summary>
    public static VerificationResult<IReadOnlyList<X509Certificate2>> ParsePem(string pem)
    {
        try
        {
            var collection = new X509Certificate2Collection();
            collection.ImportFromPem(pem);
            if (collection.Count == 0)
            {
                return Fail(VerificationFailure.CertificateMalformed, "The PEM holds no certificate.");
            }
            if (collection.Count > MaxChainLength)
            {
                return Fail(VerificationFailure.Oversized, $"The PEM holds more than {MaxChainLength} certificates.");
            }
            return VerificationResult<IReadOnlyList<X509Certificate2>>.Success(collection.ToList());
        }
        catch (CryptographicException)
        {
            return Fail(VerificationFailure.CertificateMalformed, "The PEM is not a certificate chain.");
        }
    }

    /// <summary>The public key of a certificate as a <see cref="VerificationKey"/>.</summary>
    public static VerificationResult<VerificationKey> PublicKeyOf(X509Certificate2 certificate, string? algorithm = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        try
        {
            return PublicKeyOfCore(certificate, algorithm);
        }
        catch (CryptographicException)
        {
            return VerificationResult<VerificationKey>.Fail(
                VerificationFailure.CertificateMalformed,
                "The certificate's public key cannot be read."
            );
        }
    }

    private static VerificationResult<VerificationKey> PublicKeyOfCore(X509Certificate2 certificate, string? algorithm)
    {
        // Through PublicKey: the key is wanted whatever the key usage says (usage is checked separately).
        using var ec = certificate.PublicKey.GetECDsaPublicKey();
        if (ec is not null)
        {
            return VerificationResult<VerificationKey>.Success(VerificationKey.FromECDsa(ec, algorithm));
        }
        using var rsa = certificate.PublicKey.GetRSAPublicKey();
        if (rsa is not null)
        {
            return VerificationResult<VerificationKey>.Success(VerificationKey.FromRsa(rsa, algorithm));
        }
        return VerificationResult<VerificationKey>.Fail(VerificationFailure.InvalidKey, "The certificate's key is neither EC nor RSA.");
    }

    /// <summary>Whether the key equals the certificate's public key.</summary>
    public static bool KeyMatchesCertificate(VerificationKey key, X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(key);
        var leafKey = PublicKeyOf(certificate);
        if (!leafKey.Succeeded)
        {
            return false;
        }
        using var k = leafKey.Value;
        return key.SameKeyAs(k);
    }

    /// <summary>
    /// Whether the certificate names <paramref name="host"/> in its subject alternative names (DNS,
    /// exact or one-label wildcard; or a URI with that host). Used for SD-JWT VC issuers identified by
    /// an HTTPS <c>iss</c> and for OID4VP <c>x509_san_dns</c> client ids.
    /// </summary>
    public static bool MatchesDnsName(X509Certificate2 certificate, string host)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentException.ThrowIfNullOrEmpty(host);
        var san = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        if (san is null)
        {
            return false;
        }
        foreach (var name in san.EnumerateDnsNames())
        {
            if (
                string.Equals(name, host, StringComparison.OrdinalIgnoreCase)
                || (
                    name.StartsWith("*.", StringComparison.Ordinal)
                    && host.IndexOf('.', StringComparison.Ordinal) is var dot
                    && dot > 0
                    && string.Equals(name[2..], host[(dot + 1)..], StringComparison.OrdinalIgnoreCase)
                )
            )
            {
                return true;
            }
        }
        return false;
    }

    internal static bool IsSelfSigned(X509Certificate2 certificate)
    {
        if (!certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData))
        {
            return false;
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTimeIgnored = true;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.Build(certificate);
        // Signed by its own key when the chain is just the certificate and its signature is valid.
        return chain.ChainElements.Count == 1
            && !chain.ChainElements[0].ChainElementStatus.Any(s => s.Status.HasFlag(X509ChainStatusFlags.NotSignatureValid));
    }

    private static VerificationResult<IReadOnlyList<X509Certificate2>> MapFailure(X509Chain chain, DateTime now)
    {
        foreach (var element in chain.ChainElements)
        {
            var certificate = element.Certificate;
            if (
                now < certificate.NotBefore.ToUniversalTime()
                || now > certificate.NotAfter.ToUniversalTime()
                || element.ChainElementStatus.Any(s => s.Status.HasFlag(X509ChainStatusFlags.NotTimeValid))
            )
            {
                return Fail(
                    VerificationFailure.CertificateExpired,
                    $"The certificate '{certificate.Subject}' is valid from {certificate.NotBefore.ToUniversalTime():O} to "
                        + $"{certificate.NotAfter.ToUniversalTime():O}."
                );
            }
        }
        var flags = chain.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (all, s) => all | s.Status);
        if (flags.HasFlag(X509ChainStatusFlags.InvalidBasicConstraints) || flags.HasFlag(X509ChainStatusFlags.NotValidForUsage))
        {
            return Fail(
                VerificationFailure.CertificateKeyUsage,
                "A certificate in the chain is not allowed to act as it does (basic constraints or key usage)."
            );
        }
        if (flags.HasFlag(X509ChainStatusFlags.NotSignatureValid))
        {
            return Fail(VerificationFailure.UntrustedChain, "A certificate's signature in the chain does not verify.");
        }
        return Fail(
            VerificationFailure.UntrustedChain,
            $"The chain does not lead to a configured trust anchor ({string.Join(", ", chain.ChainStatus.Select(s => s.Status))})."
        );
    }

    private static HashSet<string> Policies(X509Certificate2 certificate)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        var extension = certificate.Extensions["2.5.29.32"];
        if (extension is null)
        {
            return result;
        }
        try
        {
            // certificatePolicies ::= SEQUENCE OF PolicyInformation { policyIdentifier OID, qualifiers ... }
            var reader = new AsnReader(extension.RawData, AsnEncodingRules.DER);
            var policies = reader.ReadSequence();
            while (policies.HasData)
            {
                var information = policies.ReadSequence();
                result.Add(information.ReadObjectIdentifier());
            }
        }
        catch (AsnContentException)
        {
            result.Clear();
        }
        return result;
    }

    private static VerificationResult<IReadOnlyList<X509Certificate2>> Fail(VerificationFailure reason, string message) =>
        VerificationResult<IReadOnlyList<X509Certificate2>>.Fail(reason, message);
}
