using System.Text.Json;

namespace GaiaX.Oid4vc.Dapr.Events;

/// <summary>
/// Base of every integration event. <see cref="Id"/> is the idempotency key: delivery is
/// at-least-once, so a handler uses it to make its effect happen once (see <see cref="IIdempotencyGuard"/>).
/// </summary>
public abstract record IntegrationEvent
{
    public Guid Id { get; init; } = Guid.NewGuid();

    /// <summary>When the event was created; <see cref="IEventBus"/> stamps it from its <see cref="TimeProvider"/> when left default.</summary>
    public DateTimeOffset CreationDate { get; init; }
}

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
    string? Format = null) : IntegrationEvent;

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
    string? PreparedBy = null) : IntegrationEvent;

/// <summary>The compliance filter chain's verdict on a prepared credential.</summary>
/// <param name="Reasons">Why it was rejected (empty when accepted).</param>
[Topic(Topics.CredentialAssessed)]
public sealed record CredentialAssessed(
    string OfferId,
    bool Accepted,
    IReadOnlyList<string> Reasons) : IntegrationEvent;

/// <summary>A wallet's presentation was verified by the Verifier (OpenID4VP).</summary>
/// <param name="RequestId">The Verifier's authorization request (transaction) id.</param>
/// <param name="Presentations">The verified presentations in their wire form (<c>vp_token</c> entries).</param>
/// <param name="Credentials">The verified credentials contained in them, in wire form.</param>
/// <param name="Holder">The holder (key or DID) that proved possession, when bound.</param>
/// <param name="Subject">The disclosed claims, keyed by DCQL credential query id, when useful to consumers.</param>
[Topic(Topics.PresentationVerified)]
public sealed record PresentationVerified(
    string RequestId,
    IReadOnlyList<string> Presentations,
    IReadOnlyList<string> Credentials,
    string? Holder = null,
    JsonElement? Subject = null) : IntegrationEvent;

/// <summary>The Compliance service's verdict on a set of presented credentials.</summary>
/// <param name="LabelCredential">The issued compliance (label) credential when compliant.</param>
/// <param name="Failures">Each rule that failed (empty when compliant).</param>
[Topic(Topics.ComplianceAssessed)]
public sealed record ComplianceAssessed(
    string RequestId,
    bool Compliant,
    string? LabelCredential,
    IReadOnlyList<string> Failures) : IntegrationEvent;

/// <summary>A credential offer was created for a request (so the requester can show the offer URI / QR).</summary>
[Topic(Topics.OfferCreated)]
public sealed record OfferCreated(
    string RequestId,
    string OfferId,
    string OfferUri) : IntegrationEvent;

/// <summary>
/// A wallet notification (OpenID4VCI notification endpoint). <paramref name="NotificationId"/> is the
/// <c>notification_id</c> the Issuer returned with the credential.
/// </summary>
[Topic(Topics.CredentialAccepted)]
public sealed record CredentialAccepted(
    string NotificationId,
    string? OfferId = null,
    string? EventDescription = null) : IntegrationEvent;

/// <summary>Wallet notification <c>credential_failure</c>.</summary>
[Topic(Topics.CredentialFailure)]
public sealed record CredentialFailure(
    string NotificationId,
    string? OfferId = null,
    string? EventDescription = null) : IntegrationEvent;

/// <summary>Wallet notification <c>credential_deleted</c>.</summary>
[Topic(Topics.CredentialDeleted)]
public sealed record CredentialDeleted(
    string NotificationId,
    string? OfferId = null,
    string? EventDescription = null) : IntegrationEvent;
