namespace GaiaX.Oid4vc.WebConsole.Issuance;

/// <summary>A credential configuration as the Issuer's metadata describes it, and the form fields of its claims.</summary>
public sealed record CredentialConfigurationView(string Id, string Name, string Format, IReadOnlyList<ClaimField> Claims);
