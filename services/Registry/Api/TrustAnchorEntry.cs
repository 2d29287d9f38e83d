using System.Text.Json.Serialization;

namespace GaiaX.Oid4vc.Registry.Api;

/// <summary>One trust anchor: its SHA-256 (the id the management API deletes it by), subject and expiry.</summary>
public sealed record TrustAnchorEntry(
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("not_after")] DateTimeOffset NotAfter
);
