using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using GaiaX.Oid4vc.Credentials.X509;

namespace GaiaX.Oid4vc.Registry.Trust;

/// <summary>
/// Judges a PEM certificate chain against the trust list: it must build to one of the trust anchors (validity, key
/// usage and name constraints as the credential core checks them; a certificate inside the chain is never trusted by
/// itself), and no certificate of the built chain may be revoked.
/// </summary>
public sealed class ChainVerifier(TimeProvider time)
{
    private readonly Lock _gate = new();
    private (long Version, CertificateChainValidator? Validator) _cached = (-1, null);

    public ChainVerdict Verify(string pem, TrustList list)
    {
        ArgumentNullException.ThrowIfNull(pem);
        ArgumentNullException.ThrowIfNull(list);
        var parsed = CertificateChainValidator.ParsePem(pem);
        if (!parsed.Succeeded)
        {
            return ChainVerdict.No(parsed.Error.Message);
        }
        var validator = ValidatorFor(list);
        if (validator is null)
        {
            return ChainVerdict.No("The registry holds no trust anchor.");
        }
        var validated = validator.Validate(parsed.Value);
        if (!validated.Succeeded)
        {
            return ChainVerdict.No($"The chain of '{parsed.Value[0].Subject}' does not end at a trust anchor: {validated.Error.Message}");
        }
        var revoked = list.RevokedCertificates.ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var certificate in validated.Value)
        {
            if (revoked.Contains(Thumbprint(certificate)))
            {
                return ChainVerdict.No($"The certificate '{certificate.Subject}' in the chain is revoked.");
            }
        }
        return ChainVerdict.Yes;
    }

    /// <summary>The SHA-256 of a certificate's DER, hex: how the trust list names anchors and revocations.</summary>
    public static string Thumbprint(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Convert.ToHexString(SHA256.HashData(certificate.RawData));
    }

    private CertificateChainValidator? ValidatorFor(TrustList list)
    {
        lock (_gate)
        {
            if (_cached.Version == list.Version)
            {
                return _cached.Validator;
            }
            var anchors = list
                .TrustAnchors.SelectMany(pem => CertificateChainValidator.ParsePem(pem) is { Succeeded: true } c ? c.Value : [])
                .ToList();
            _cached = (list.Version, anchors.Count == 0 ? null : new CertificateChainValidator(new TrustAnchors(anchors), time));
            return _cached.Validator;
        }
    }
}
