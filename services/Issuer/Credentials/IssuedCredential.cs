using System.Text.Json.Serialization;

namespace GaiaX.Oid4vc.Issuer.Credentials;

/// <summary>One issued credential in a credential response.</summary>
public sealed record IssuedCredential([property: JsonPropertyName("credential")] string Credential);
