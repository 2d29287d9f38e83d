namespace GaiaX.Oid4vc.Dapr.Events;

/// <summary>A credential was prepared and signed for an offer; the compliance filter chain assesses it next.</summary>
/// <param name="Credential">The credential in its wire form (compact JWT, SD-JWT, or JSON-LD as a JSON string).</param>
/// <param name="Format">The credential format identifier.</param>
/// <param name="PreparedBy">The app id of the service that prepared it.</param>
[Topic(Topics.CredentialPrepared)]
public sealed record CredentialPrepared(
    string OfferId,
    string CredentialConfigurationId,
    string Credential,
    string Format,
    string? PreparedBy = null
) : IntegrationEvent;
