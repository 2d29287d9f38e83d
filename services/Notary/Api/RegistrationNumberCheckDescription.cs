namespace GaiaX.Oid4vc.Notary.Api;

/// <summary>How a type is checked: at a registry, or for syntax only (the evidence URL of syntax-only credentials).</summary>
public sealed record RegistrationNumberCheckDescription(
    string Type,
    string CredentialType,
    string Property,
    string Check,
    string? Registry,
    string Description
);
