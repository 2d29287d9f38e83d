using System.Security.Cryptography.X509Certificates;

namespace GaiaX.Oid4vc.Compliance.Registry;

/// <summary>A certificate chain, leaf first, and the <c>x5u</c> it was published at (if any).</summary>
public sealed record CertificateChainReference(IReadOnlyList<X509Certificate2> Certificates, Uri? Url);
