using System.Text.Json.Nodes;

namespace GaiaX.Oid4vc.Issuer.Credentials;

/// <summary>A key the wallet proved possession of, to bind a credential to.</summary>
public sealed record HolderKey(JsonObject Jwk, string Thumbprint, string? Did);
