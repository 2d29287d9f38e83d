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

    /// <summary>
    /// DIDs the registry trusts for <paramref name="role"/> (e.g. <c>conformity-assessment-body</c>); none when the
    /// registry does not know the role.
    /// </summary>
    Task<IReadOnlySet<string>> GetTrustedIssuersAsync(string role, CancellationToken cancellationToken);

    /// <summary>SHA-256 hex digests of the Gaia-X terms and conditions an issuer may have agreed to.</summary>
    Task<IReadOnlySet<string>> GetTermsAndConditionsHashesAsync(CancellationToken cancellationToken);

    /// <summary>The SHACL shapes (Turtle) credentials are validated against.</summary>
    Task<ShapeSource> GetShapesAsync(CancellationToken cancellationToken);

    /// <summary>The registered ecosystem extensions (none when the registry offers none).</summary>
    Task<IReadOnlyList<EcosystemExtension>> GetEcosystemExtensionsAsync(CancellationToken cancellationToken);
}
