using System.Text.Json.Serialization;

namespace GaiaX.Oid4vc.Registry.Api;

/// <summary><c>GET /api/trusted-issuers/{role}</c>: the role and the DIDs trusted for it (<c>items</c>).</summary>
public sealed record TrustedIssuersDocument(
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("items")] IReadOnlyList<string> Items
);
