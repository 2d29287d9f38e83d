using System.Text.Json.Serialization;

namespace GaiaX.Oid4vc.Issuer.Status;

/// <summary>The optional body of a revoke, suspend or unsuspend call.</summary>
public sealed record StatusChangeRequest([property: JsonPropertyName("reason")] string? Reason);
