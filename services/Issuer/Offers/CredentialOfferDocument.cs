using System.Text.Json.Serialization;

namespace GaiaX.Oid4vc.Issuer.Offers;

/// <summary>The credential offer object (OpenID4VCI 1.0 section 4.1.1) as the OpenAPI document describes it.</summary>
public sealed record CredentialOfferDocument(
    [property: JsonPropertyName("credential_issuer")] string CredentialIssuer,
    [property: JsonPropertyName("credential_configuration_ids")] IReadOnlyList<string> CredentialConfigurationIds,
    [property: JsonPropertyName("grants")] CredentialOfferGrants Grants
);
