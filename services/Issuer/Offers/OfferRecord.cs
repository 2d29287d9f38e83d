using System.Text.Json;
using System.Text.Json.Serialization;

namespace GaiaX.Oid4vc.Issuer.Offers;

/// <summary>A credential offer as the Issuer keeps it.</summary>
public sealed record OfferRecord
{
    public required string Id { get; init; }

    public required IReadOnlyList<string> CredentialConfigurationIds { get; init; }

    /// <summary>The claims per credential configuration id, checked against the configuration.</summary>
    public required IReadOnlyDictionary<string, JsonElement> Claims { get; init; }

    public TransactionCodeSpec? TransactionCode { get; init; }

    /// <summary>Binds an authorization-code flow to this offer (<c>issuer_state</c>).</summary>
    public required string IssuerState { get; init; }

    /// <summary>The subject the credentials are about (e.g. the participant's DID), when known.</summary>
    public string? SubjectId { get; init; }

    /// <summary>Where each status change is POSTed (see <see cref="CreateOfferRequest.CallbackUrl"/>).</summary>
    public string? CallbackUrl { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public OfferStatus Status { get; init; } = OfferStatus.Offered;

    public string? FailureReason { get; init; }

    /// <summary>The Credential Offer object served at <c>credential_offer_uri</c> (holds the pre-authorized code).</summary>
    public string? CredentialOfferJson { get; init; }

    /// <summary>
    /// Set by the first token response for this offer, whichever grant it came from (first write wins
    /// under the offer's ETag): an offer is redeemed once.
    /// </summary>
    public bool Redeemed { get; init; }

    /// <summary>
    /// Whether <c>issuer_state</c> may start an authorization code flow for this offer: not when it
    /// asks for a transaction code, which only the pre-authorized code grant checks.
    /// </summary>
    [JsonIgnore]
    public bool AuthorizationCodeGrantAllowed => TransactionCode is null;

    /// <summary>The status with expiry applied: an offer nobody redeemed in time is expired.</summary>
    public OfferStatus EffectiveStatus(DateTimeOffset now) =>
        Status == OfferStatus.Offered && now >= ExpiresAt ? OfferStatus.Expired : Status;
}
