namespace GaiaX.Oid4vc.Registry.Trust;

/// <summary>
/// What the Registry trusts, as one versioned record of its state store: the trust anchors (PEM), the trusted issuers
/// by role, and the revoked certificates (SHA-256 of the DER, hex). Every change raises <see cref="Version"/> by one and
/// is published as <c>trust-list-changed</c>.
/// </summary>
public sealed record TrustList(
    long Version,
    IReadOnlyList<string> TrustAnchors,
    IReadOnlyDictionary<string, IReadOnlyList<string>> TrustedIssuers,
    IReadOnlyList<string> RevokedCertificates
);
