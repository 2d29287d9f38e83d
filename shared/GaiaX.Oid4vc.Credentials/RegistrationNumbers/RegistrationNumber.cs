namespace GaiaX.Oid4vc.Credentials.RegistrationNumbers;

/// <summary>
/// A registration number whose syntax has been checked, in its normalised form (upper case, no
/// separators). <see cref="CountryCode"/> is the ISO 3166-1 alpha-2 country the number belongs to
/// when the number itself says so (VAT ID, EORI, EUID); the registry may supply it otherwise.
/// </summary>
public sealed record RegistrationNumber(RegistrationNumberType Type, string Value, string? CountryCode)
{
    /// <summary>The stable key of this number, e.g. <c>vat-id/DE812345673</c>.</summary>
    public string Key => $"{Type.Slug()}/{Value}";
}
