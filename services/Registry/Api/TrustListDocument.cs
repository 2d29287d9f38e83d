using System.Text.Json.Serialization;

namespace GaiaX.Oid4vc.Registry.Api;

/// <summary>The trust list as the management API shows it: anchors by SHA-256 and subject, issuers, revocations.</summary>
public sealed record TrustListDocument(
    [property: JsonPropertyName("version")] long Version,
    [property: JsonPropertyName("trust_anchors")] IReadOnlyList<TrustAnchorEntry> TrustAnchors,
    [property: JsonPropertyName("trusted_issuers")] IReadOnlyDictionary<string, IReadOnlyList<string>> TrustedIssuers,
    [property: JsonPropertyName("revoked_certificates")] IReadOnlyList<string> RevokedCertificates
);
