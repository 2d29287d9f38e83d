using System.Text.Json.Serialization;

namespace GaiaX.Oid4vc.Issuer.Credentials;

/// <summary>The key proofs of a credential request (OpenID4VCI 1.0 section 8.2, proof type <c>jwt</c>, appendix F.1).</summary>
public sealed record CredentialRequestProofs([property: JsonPropertyName("jwt")] IReadOnlyList<string> Jwt);
