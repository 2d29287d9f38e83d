using System.Text.Json;
using System.Text.Json.Serialization;

namespace GaiaX.Oid4vc.Issuer.Offers;

/// <summary>Body of <c>POST /api/offers</c>.</summary>
public sealed record CreateOfferRequest
{
    [JsonPropertyName("credential_configuration_ids")]
    public IReadOnlyList<string>? CredentialConfigurationIds { get; init; }

    /// <summary>Claims per credential configuration id.</summary>
    [JsonPropertyName("claims")]
    public Dictionary<string, JsonElement>? Claims { get; init; }

    /// <summary>The transaction code to require; absent means none.</summary>
    [JsonPropertyName("tx_code")]
    public TransactionCodeRequest? TxCode { get; init; }

    [JsonPropertyName("expires_in")]
    public int? ExpiresIn { get; init; }

    /// <summary>The credential subject (e.g. the participant's DID), when the back end knows it.</summary>
    [JsonPropertyName("subject_id")]
    public string? SubjectId { get; init; }

    /// <summary>The issuer back end's webhook: each status change of the offer is POSTed there as a signed CloudEvent.</summary>
    [JsonPropertyName("callback_url")]
    public string? CallbackUrl { get; init; }
}
