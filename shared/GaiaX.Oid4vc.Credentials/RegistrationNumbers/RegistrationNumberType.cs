namespace GaiaX.Oid4vc.Credentials.RegistrationNumbers;

/// <summary>The kinds of legal registration number the Gaia-X notary API accepts.</summary>
public enum RegistrationNumberType
{
    VatId,
    LeiCode,
    Eori,
    TaxId,
    Euid,
    Local,
}
