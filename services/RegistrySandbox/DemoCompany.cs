namespace GaiaX.Oid4vc.RegistrySandbox;

/// <summary>A fictitious company the sandbox registries know. All numbers pass their check digits.</summary>
public sealed record DemoCompany(
    string LegalName,
    string CountryCode,
    string? VatId,
    string? Eori,
    string? Lei,
    string? Euid,
    string? Region = null,
    bool VatValid = true,
    string LeiRegistrationStatus = "ISSUED"
);
