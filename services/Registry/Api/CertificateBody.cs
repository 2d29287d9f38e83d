using System.Text.Json.Serialization;

namespace GaiaX.Oid4vc.Registry.Api;

/// <summary>A certificate for the management API: the PEM, or (to revoke one not at hand) its SHA-256 in hex.</summary>
public sealed record CertificateBody(
    [property: JsonPropertyName("certificate")] string? Certificate,
    [property: JsonPropertyName("sha256")] string? Sha256
);
