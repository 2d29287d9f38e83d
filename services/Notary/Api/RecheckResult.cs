using System.Text.Json.Serialization;

namespace GaiaX.Oid4vc.Notary.Api;

/// <summary>
/// What a re-check found: <c>registered</c> (nothing changes) or <c>not_registered</c> (every credential the Notary
/// signed for the number is revoked; <see cref="Revoked"/> the ones revoked by this call).
/// </summary>
public sealed record RecheckResult(
    [property: JsonPropertyName("registration_number")] string RegistrationNumber,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("revoked")] IReadOnlyList<string> Revoked
);
