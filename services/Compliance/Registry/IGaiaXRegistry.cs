using System.Security.Cryptography.X509Certificates;

namespace GaiaX.Oid4vc.Compliance.Registry;

/// <summary>
/// The trust source of the compliance engine: which certificate chains end at a Gaia-X trust
/// anchor, which notaries may attest registration numbers, which terms-and-conditions hashes an
/// issuer may accept, and the shapes credentials are validated against.
/// Every method throws <see cref="GaiaXRegistryUnavailableException"/> when it cannot get an answer:
/// a registry that cannot be asked never makes a credential "untrusted".
/// </summary>
public interface IGaiaXRegistry
{
    Task<TrustAnchorVerdict> VerifyCertificateChainAsync(CertificateChainReference chain, CancellationToken cancellationToken);

    /// <summary>DIDs of the notaries trusted to issue registration-number credentials.</summary>
    Task<IReadOnlySet<string>> GetRegistrationNotariesAsync(CancellationToken cancellationToken);

    /// <summary>SHA-256 hex digests of the Gaia-X terms and conditions an issuer may have agreed to.</summary>
    Task<IReadOnlySet<string>> GetTermsAndConditionsHashesAsync(CancellationToken cancellationToken);

    /// <summary>The SHACL shapes (Turtle) credentials are validated against.</summary>
    Task<ShapeSource> GetShapesAsync(CancellationToken cancellationToken);
}

/// <summary>A certificate chain, leaf first, and the <c>x5u</c> it was published at (if any).</summary>
public sealed record CertificateChainReference(IReadOnlyList<X509Certificate2> Certificates, Uri? Url);

/// <summary>The registry's answer about a chain; <paramref name="Reason"/> says why it is not trusted.</summary>
public sealed record TrustAnchorVerdict(bool Trusted, string? Reason)
{
    public static TrustAnchorVerdict Yes { get; } = new(true, null);

    public static TrustAnchorVerdict No(string reason) => new(false, reason);
}

/// <summary>
/// SHACL shapes, named for where they came from; the version keys compiled forms. A null
/// <paramref name="Turtle"/> stands for the Gaia-X profile shipped in the repository;
/// <paramref name="OntologyTurtle"/> carries the <c>rdfs:subClassOf</c> facts <c>sh:class</c> needs.
/// </summary>
public sealed record ShapeSource(string Origin, string Version, string? Turtle, string? OntologyTurtle = null)
{
    public static ShapeSource RepositoryProfile { get; } = new("repository Gaia-X profile", "profile", null);
}

/// <summary>The registry could not be asked (unreachable, time-out, error answer): an error, not a verdict.</summary>
public sealed class GaiaXRegistryUnavailableException : Exception
{
    public GaiaXRegistryUnavailableException()
    {
    }

    public GaiaXRegistryUnavailableException(string message)
        : base(message)
    {
    }

    public GaiaXRegistryUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
