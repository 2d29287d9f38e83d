using System.Text.Json.Serialization;

namespace GaiaX.Oid4vc.Registry.Api;

/// <summary><c>POST /api/trustAnchor/chain/file</c>: where the participant publishes its PEM chain.</summary>
public sealed record ChainFileRequest([property: JsonPropertyName("uri")] string? Uri);
