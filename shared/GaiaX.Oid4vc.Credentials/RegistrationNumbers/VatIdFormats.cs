using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace GaiaX.Oid4vc.Credentials.RegistrationNumbers;

/// <summary>
/// The VAT identification number formats of the member states VIES covers (the national part after
/// the two-letter prefix), with the check digit where the national algorithm is public and stable.
/// Greece uses the VIES prefix <c>EL</c>; <c>XI</c> is Northern Ireland.
/// </summary>
internal static partial class VatIdFormats
{
    internal sealed record Format(string Description, Regex Pattern, Func<string, bool>? CheckDigit, string IsoCountryCode);

    public static FrozenDictionary<string, Format> ByPrefix { get; } =
        new Dictionary<string, Format>(StringComparer.Ordinal)
        {
            ["AT"] = new("'U' and 8 digits", AtPattern(), AustrianCheck, "AT"),
            ["BE"] = new(
                "10 digits starting with 0 or 1",
                BePattern(),
                n =>
                    97 - (int.Parse(n.AsSpan(0, 8), provider: System.Globalization.CultureInfo.InvariantCulture) % 97)
                    == int.Parse(n.AsSpan(8), provider: System.Globalization.CultureInfo.InvariantCulture),
                "BE"
            ),
            ["BG"] = new("9 or 10 digits", Digits9To10(), null, "BG"),
            ["CY"] = new("8 digits and a letter", CyPattern(), null, "CY"),
            ["CZ"] = new("8 to 10 digits", CzPattern(), null, "CZ"),
            ["DE"] = new("9 digits", DePattern(), n => CheckDigits.IsValidMod11_10(n), "DE"),
            ["DK"] = new("8 digits", Digits8NoLeadingZero(), n => CheckDigits.WeightedSum(n, [2, 7, 6, 5, 4, 3, 2, 1], 11) == 0, "DK"),
            ["EE"] = new("9 digits", Digits9(), null, "EE"),
            ["EL"] = new("9 digits", Digits9(), null, "GR"),
            ["ES"] = new("9 characters: a letter or digit, 7 digits, a letter or digit", EsPattern(), null, "ES"),
            ["FI"] = new("8 digits", Digits8(), n => CheckDigits.WeightedSum(n, [7, 9, 10, 5, 8, 4, 2, 1], 11) == 0, "FI"),
            ["FR"] = new("a 2-character key and the 9-digit SIREN", FrPattern(), null, "FR"),
            ["HR"] = new("11 digits", Digits11(), n => CheckDigits.IsValidMod11_10(n), "HR"),
            ["HU"] = new("8 digits", Digits8(), null, "HU"),
            ["IE"] = new("7 digits and 1 or 2 letters, or digit, letter/'+'/'*', 5 digits, letter", IePattern(), null, "IE"),
            ["IT"] = new("11 digits", Digits11(), n => CheckDigits.LuhnChecksum(n) == 0, "IT"),
            ["LT"] = new("9 or 12 digits", LtPattern(), null, "LT"),
            ["LU"] = new("8 digits", Digits8(), null, "LU"),
            ["LV"] = new("11 digits", Digits11(), null, "LV"),
            ["MT"] = new("8 digits", Digits8(), null, "MT"),
            ["NL"] = new("9 digits, 'B' and 2 digits", NlPattern(), null, "NL"),
            ["PL"] = new("10 digits", Digits10(), n => CheckDigits.WeightedSum(n, [6, 5, 7, 2, 3, 4, 5, 6, 7, -1], 11) == 0, "PL"),
            ["PT"] = new("9 digits", PtPattern(), PortugueseCheck, "PT"),
            ["RO"] = new("2 to 10 digits, no leading zero", RoPattern(), null, "RO"),
            ["SE"] = new("12 digits ending in 01", SePattern(), null, "SE"),
            ["SI"] = new("8 digits, no leading zero", SiPattern(), null, "SI"),
            ["SK"] = new("10 digits, no leading zero", SkPattern(), null, "SK"),
            ["XI"] = new("9 or 12 digits, or GD/HA and 3 digits", XiPattern(), null, "GB"),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    // Austria: UID check digit from the Luhn sum of the 7 digits after 'U' (BMF algorithm).
    private static bool AustrianCheck(string national) =>
        ((6 - CheckDigits.LuhnChecksum(national.AsSpan(1, 7))) % 10 + 10) % 10 == national[8] - '0';

    private static bool PortugueseCheck(string national)
    {
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            sum += (9 - i) * (national[i] - '0');
        }
        return (11 - sum % 11) % 11 % 10 == national[8] - '0';
    }

    [GeneratedRegex("^U[0-9]{8}$")]
    private static partial Regex AtPattern();

    [GeneratedRegex("^[01][0-9]{9}$")]
    private static partial Regex BePattern();

    [GeneratedRegex("^[0-9]{9,10}$")]
    private static partial Regex Digits9To10();

    [GeneratedRegex("^[0-9]{8}[A-Z]$")]
    private static partial Regex CyPattern();

    [GeneratedRegex("^[0-9]{8,10}$")]
    private static partial Regex CzPattern();

    [GeneratedRegex("^[1-9][0-9]{8}$")]
    private static partial Regex DePattern();

    [GeneratedRegex("^[1-9][0-9]{7}$")]
    private static partial Regex Digits8NoLeadingZero();

    [GeneratedRegex("^[0-9]{8}$")]
    private static partial Regex Digits8();

    [GeneratedRegex("^[0-9]{9}$")]
    private static partial Regex Digits9();

    [GeneratedRegex("^[0-9]{10}$")]
    private static partial Regex Digits10();

    [GeneratedRegex("^[0-9]{11}$")]
    private static partial Regex Digits11();

    [GeneratedRegex("^[0-9A-Z][0-9]{7}[0-9A-Z]$")]
    private static partial Regex EsPattern();

    [GeneratedRegex("^[0-9A-HJ-NP-Z]{2}[0-9]{9}$")]
    private static partial Regex FrPattern();

    [GeneratedRegex("^([0-9]{7}[A-W][A-IW]?|[0-9][A-Z+*][0-9]{5}[A-W])$")]
    private static partial Regex IePattern();

    [GeneratedRegex("^([0-9]{9}|[0-9]{12})$")]
    private static partial Regex LtPattern();

    [GeneratedRegex("^[0-9]{9}B[0-9]{2}$")]
    private static partial Regex NlPattern();

    [GeneratedRegex("^[1-9][0-9]{8}$")]
    private static partial Regex PtPattern();

    [GeneratedRegex("^[1-9][0-9]{1,9}$")]
    private static partial Regex RoPattern();

    [GeneratedRegex("^[0-9]{10}01$")]
    private static partial Regex SePattern();

    [GeneratedRegex("^[1-9][0-9]{7}$")]
    private static partial Regex SiPattern();

    [GeneratedRegex("^[1-9][0-9]{9}$")]
    private static partial Regex SkPattern();

    [GeneratedRegex("^([0-9]{9}|[0-9]{12}|GD[0-9]{3}|HA[0-9]{3})$")]
    private static partial Regex XiPattern();
}
