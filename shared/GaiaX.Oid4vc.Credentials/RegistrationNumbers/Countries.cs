using System.Collections.Frozen;

namespace GaiaX.Oid4vc.Credentials.RegistrationNumbers;

/// <summary>Country sets the registries cover, with the English names <c>gx:country</c> expects.</summary>
public static class Countries
{
    /// <summary>EU member states by ISO 3166-1 alpha-2 code, plus Northern Ireland (<c>XI</c>) as the EU services treat it.</summary>
    public static FrozenDictionary<string, string> EuWithNorthernIreland { get; } =
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AT"] = "Austria",
            ["BE"] = "Belgium",
            ["BG"] = "Bulgaria",
            ["CY"] = "Cyprus",
            ["CZ"] = "Czechia",
            ["DE"] = "Germany",
            ["DK"] = "Denmark",
            ["EE"] = "Estonia",
            ["ES"] = "Spain",
            ["FI"] = "Finland",
            ["FR"] = "France",
            ["GR"] = "Greece",
            ["HR"] = "Croatia",
            ["HU"] = "Hungary",
            ["IE"] = "Ireland",
            ["IT"] = "Italy",
            ["LT"] = "Lithuania",
            ["LU"] = "Luxembourg",
            ["LV"] = "Latvia",
            ["MT"] = "Malta",
            ["NL"] = "Netherlands",
            ["PL"] = "Poland",
            ["PT"] = "Portugal",
            ["RO"] = "Romania",
            ["SE"] = "Sweden",
            ["SI"] = "Slovenia",
            ["SK"] = "Slovakia",
            ["XI"] = "United Kingdom (Northern Ireland)",
        }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Countries of the Business Registers Interconnection System: the EU and the EEA (IS, LI, NO).</summary>
    public static FrozenSet<string> Bris { get; } =
        EuWithNorthernIreland.Keys.Where(code => code != "XI").Concat(["IS", "LI", "NO"]).ToFrozenSet(StringComparer.Ordinal);
}
