using System.Text.Json.Serialization;

namespace GaiaX.Oid4vc.Compliance.StandardCompliance;

/// <summary>One failure of the chain, as the non-compliant problem lists it.</summary>
public sealed record AssessmentFailure(
    [property: JsonPropertyName("credentialId")] string CredentialId,
    [property: JsonPropertyName("filter")] string Filter,
    [property: JsonPropertyName("criterion")] string Criterion,
    [property: JsonPropertyName("message")] string Message
);
