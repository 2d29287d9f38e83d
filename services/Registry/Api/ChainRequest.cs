using System.Text.Json.Serialization;

namespace GaiaX.Oid4vc.Registry.Api;

/// <summary><c>POST /api/trustAnchor/chain</c>: a PEM certificate chain, leaf first.</summary>
public sealed record ChainRequest([property: JsonPropertyName("certs")] string? Certs);
