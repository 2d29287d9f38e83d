namespace GaiaX.Oid4vc.RegistrySandbox;

/// <summary>
/// The companies the sandbox registries answer for. Anything else is unknown (VIES valid=false,
/// EORI status 1, GLEIF 404), except <see cref="VatIdWithMemberStateDown"/>, for which VIES
/// answers the <c>MS_UNAVAILABLE</c> fault, to show that an outage is never "invalid".
/// </summary>
public static class DemoCompanies
{
    public static DemoCompany ExampleCloud { get; } =
        new(
            "Example Cloud GmbH",
            "DE",
            VatId: "DE812345673",
            Eori: "DE8123456730000",
            Lei: "984500DEMOCLOUD00089",
            Euid: "DEK1101R.HRB100001",
            Region: "DE-BE"
        );

    public static DemoCompany ExempleDonnees { get; } =
        new(
            "Exemple Données SAS",
            "FR",
            VatId: "FR68900000001",
            Eori: "FR90000000100000",
            Lei: "984500DEMODONNEE0074",
            Euid: "FR7501.900000001",
            Region: "FR-IDF"
        );

    /// <summary>Deregistered for VAT, and its LEI has lapsed: both answer "not registered" (404).</summary>
    public static DemoCompany VoorbeeldLapsed { get; } =
        new(
            "Voorbeeld Lapsed B.V.",
            "NL",
            VatId: "NL000099998B57",
            Eori: null,
            Lei: "984500DEMOLAPSED0050",
            Euid: null,
            VatValid: false,
            LeiRegistrationStatus: "LAPSED"
        );

    /// <summary>A well-formed German VAT ID for which the sandbox VIES answers MS_UNAVAILABLE (→ 503).</summary>
    public const string VatIdWithMemberStateDown = "DE314159262";

    public static IReadOnlyList<DemoCompany> All { get; } = [ExampleCloud, ExempleDonnees, VoorbeeldLapsed];
}
