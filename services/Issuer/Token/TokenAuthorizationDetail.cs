using System.Text.Json.Serialization;

namespace GaiaX.Oid4vc.Issuer.Token;

public sealed record TokenAuthorizationDetail(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("credential_configuration_id")] string CredentialConfigurationId,
    [property: JsonPropertyName("credential_identifiers")] IReadOnlyList<string> CredentialIdentifiers
);
