using System.Text.Json;

namespace GaiaX.Oid4vc.Dapr.Events;

/// <summary>
/// The Issuer accepted an issuance request and needs the credential prepared (by the Notary for a
/// registration-number configuration, by the Issuer itself otherwise).
/// </summary>
/// <param name="OfferId">The credential offer the credential will be issued under.</param>
/// <param name="CredentialConfigurationId">The <c>credential_configuration_id</c> from the Issuer metadata.</param>
/// <param name="Claims">The subject claims the requester supplied (a JSON object).</param>
/// <param name="SubjectId">The credential subject id (e.g. a DID), when known at request time.</param>
/// <param name="Format">The credential format (e.g. <c>jwt_vc_json</c>, <c>vc+sd-jwt</c>), when fixed by the configuration.</param>
[Topic(Topics.IssuanceRequested)]
public sealed record IssuanceRequested(
    string OfferId,
    string CredentialConfigurationId,
    JsonElement Claims,
    string? SubjectId = null,
    string? Format = null
) : IntegrationEvent;
