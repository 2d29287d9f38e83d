namespace GaiaX.Oid4vc.Registry.Trust;

/// <summary>
/// What the Registry trusts, as one versioned record of its state store: the trust anchors (PEM), the trusted issuers
/// by role, the revoked certificates (SHA-256 of the DER, hex) and the registered ecosystem extensions. Every change
/// raises <see cref="Version"/> by one and is published as <c>trust-list-changed</c>.
/// </summary>
public sealed record TrustList(
    long Version,
    IReadOnlyList<string> TrustAnchors,
    IReadOnlyDictionary<string, IReadOnlyList<string>> TrustedIssuers,
    IReadOnlyList<string> RevokedCertificates
)
{
    /// <summary>The ecosystem extensions of the Gaia-X shapes, by name (absent from lists stored before they existed).</summary>
    public IReadOnlyList<Extensions.EcosystemExtension> Extensions { get; init; } = [];
}
