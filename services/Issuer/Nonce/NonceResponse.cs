namespace GaiaX.Oid4vc.Issuer.Nonce;

public sealed record NonceResponse([property: System.Text.Json.Serialization.JsonPropertyName("c_nonce")] string CNonce);
