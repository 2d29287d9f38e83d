using System.Text.Json.Serialization;

namespace GaiaX.Oid4vc.Issuer.Status;

/// <summary>A credential this Issuer signed, as the management API shows it: where its status lives and what it is.</summary>
public sealed record IssuedCredentialRecord
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("offer_id")]
    public string? OfferId { get; init; }

    [JsonPropertyName("subject_id")]
    public string? SubjectId { get; init; }

    [JsonPropertyName("credential_configuration_id")]
    public required string ConfigurationId { get; init; }

    [JsonPropertyName("format")]
    public required string Format { get; init; }

    [JsonPropertyName("status_list")]
    public required int List { get; init; }

    [JsonPropertyName("status_list_index")]
    public required int Index { get; init; }

    [JsonPropertyName("issued_at")]
    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary><c>valid</c>, <c>revoked</c> or <c>suspended</c>.</summary>
    [JsonPropertyName("status")]
    public string Status { get; init; } = CredentialStatusNames.Valid;

    [JsonPropertyName("reason")]
    public string? Reason { get; init; }

    [JsonPropertyName("status_changed_at")]
    public DateTimeOffset? StatusChangedAt { get; init; }
}
