namespace GaiaX.Oid4vc.Credentials.RegistrationNumbers;

/// <summary>
/// The names each type carries on the wire: the path segment of the Gaia-X notary API and the
/// Gaia-X 25.11 class and property of the credential subject.
/// </summary>
public static class RegistrationNumberTypes
{
    public static IReadOnlyList<RegistrationNumberType> All { get; } = Enum.GetValues<RegistrationNumberType>();

    /// <summary>The path segments, in the order of <see cref="All"/>.</summary>
    public static IReadOnlyList<string> Slugs { get; } = All.Select(Slug).ToArray();

    /// <summary>The path segment of <c>GET /registration-numbers/{type}/{value}</c>.</summary>
    public static string Slug(this RegistrationNumberType type) =>
        type switch
        {
            RegistrationNumberType.VatId => "vat-id",
            RegistrationNumberType.LeiCode => "lei-code",
            RegistrationNumberType.Eori => "eori",
            RegistrationNumberType.TaxId => "tax-id",
            RegistrationNumberType.Euid => "euid",
            RegistrationNumberType.Local => "local",
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
        };

    /// <summary>The Gaia-X class of the credential subject (the second VC type).</summary>
    public static string CredentialType(this RegistrationNumberType type) =>
        type switch
        {
            RegistrationNumberType.VatId => "gx:VatID",
            RegistrationNumberType.LeiCode => "gx:LeiCode",
            RegistrationNumberType.Eori => "gx:EORI",
            RegistrationNumberType.TaxId => "gx:TaxID",
            RegistrationNumberType.Euid => "gx:EUID",
            RegistrationNumberType.Local => "gx:LocalRegistrationNumber",
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
        };

    /// <summary>
    /// The Gaia-X 25.11 shape property that holds the number (<c>gx:VatIDShape</c> → <c>gx:vatID</c>,
    /// <c>gx:LeiCodeShape</c> → <c>schema:leiCode</c>, <c>gx:TaxIDShape</c> → <c>schema:taxID</c>, …).
    /// </summary>
    public static string NumberProperty(this RegistrationNumberType type) =>
        type switch
        {
            RegistrationNumberType.VatId => "gx:vatID",
            RegistrationNumberType.LeiCode => "schema:leiCode",
            RegistrationNumberType.Eori => "gx:eori",
            RegistrationNumberType.TaxId => "schema:taxID",
            RegistrationNumberType.Euid => "gx:euid",
            RegistrationNumberType.Local => "gx:local",
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
        };

    /// <summary>Parses a path segment; <see langword="false"/> for anything not in <see cref="Slugs"/>.</summary>
    public static bool TryParseSlug(string? slug, out RegistrationNumberType type)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Slug(), slug, StringComparison.Ordinal))
            {
                type = candidate;
                return true;
            }
        }
        type = default;
        return false;
    }
}
