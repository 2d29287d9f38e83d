using System.Text.Json.Serialization;

namespace GaiaX.Oid4vc.Issuer.Credentials;

/// <summary>
/// The credential request (OpenID4VCI 1.0 section 8.2) as the OpenAPI document describes it. The endpoint
/// reads the body itself, so that each broken rule gets its own OpenID4VCI error code.
/// </summary>
public sealed record CredentialRequestBody(
    [property: JsonPropertyName("credential_identifier")] string? CredentialIdentifier,
    [property: JsonPropertyName("credential_configuration_id")] string? CredentialConfigurationId,
    [property: JsonPropertyName("proofs")] CredentialRequestProofs? Proofs
);
