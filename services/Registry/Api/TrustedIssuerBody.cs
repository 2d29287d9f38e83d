using System.Text.Json.Serialization;

namespace GaiaX.Oid4vc.Registry.Api;

/// <summary>A trusted issuer for the management API: its DID.</summary>
public sealed record TrustedIssuerBody([property: JsonPropertyName("did")] string? Did);
