namespace GaiaX.Oid4vc.Compliance.Filters;

/// <summary>A credential the chain looked at, with its SRI digest over the bytes as received.</summary>
public sealed record AssessedCredentialSummary(string Id, string Type, string? Issuer, string DigestSri, string Compact);
