using System.Text.Json.Serialization;

namespace GaiaX.Oid4vc.Issuer.Status;

/// <summary>The issued credentials a search found, oldest first.</summary>
public sealed record IssuedCredentialList([property: JsonPropertyName("credentials")] IReadOnlyList<IssuedCredentialRecord> Credentials);
