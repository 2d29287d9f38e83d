namespace GaiaX.Oid4vc.Verifier;

/// <summary>
/// A certificate chain (PEM, leaf first) and its private key (PEM) for signing request objects with
/// <c>x509_san_dns</c>; the client identifier is the first DNS SAN of the leaf unless
/// <see cref="DnsName"/> names another SAN of it.
/// </summary>
public sealed class VerifierX509Options
{
    public string? CertificateChainPath { get; set; }

    public string? PrivateKeyPath { get; set; }

    public string? DnsName { get; set; }
}
