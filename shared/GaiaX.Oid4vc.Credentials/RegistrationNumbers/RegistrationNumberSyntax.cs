using System.Text;
using System.Text.RegularExpressions;

namespace GaiaX.Oid4vc.Credentials.RegistrationNumbers;

/// <summary>
/// Checks a registration number's syntax (and check digits where they exist) before any registry is
/// asked, so a typo costs no registry call and gets a message that says what is wrong.
/// </summary>
public static partial class RegistrationNumberSyntax
{
    /// <summary>Longest value accepted for any type, before normalisation.</summary>
    public const int MaxLength = 100;

    public static SyntaxCheckResult Check(RegistrationNumberType type, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return SyntaxCheckResult.Invalid($"The {Describe(type)} is empty.");
        }
        if (value.Length > MaxLength)
        {
            return SyntaxCheckResult.Invalid($"The {Describe(type)} is {value.Length} characters long; at most {MaxLength} are accepted.");
        }
        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                return SyntaxCheckResult.Invalid($"The {Describe(type)} contains a control character.");
            }
        }

        return type switch
        {
            RegistrationNumberType.VatId => CheckVatId(value),
            RegistrationNumberType.LeiCode => CheckLei(value),
            RegistrationNumberType.Eori => CheckEori(value),
            RegistrationNumberType.Euid => CheckEuid(value),
            RegistrationNumberType.TaxId => CheckFreeForm(type, value),
            RegistrationNumberType.Local => CheckFreeForm(type, value),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
        };
    }

    /// <summary>How a type is named in messages.</summary>
    public static string Describe(RegistrationNumberType type) =>
        type switch
        {
            RegistrationNumberType.VatId => "VAT identification number",
            RegistrationNumberType.LeiCode => "LEI code",
            RegistrationNumberType.Eori => "EORI number",
            RegistrationNumberType.TaxId => "tax ID",
            RegistrationNumberType.Euid => "EUID",
            RegistrationNumberType.Local => "local registration number",
            _ => type.ToString(),
        };

    private static SyntaxCheckResult CheckVatId(string raw)
    {
        var value = Compact(raw);
        if (value.Length < 4 || !IsAsciiLetter(value[0]) || !IsAsciiLetter(value[1]))
        {
            return SyntaxCheckResult.Invalid("A VAT identification number starts with its two-letter country prefix (e.g. DE, FR, EL).");
        }
        var prefix = value[..2];
        if (prefix == "GR")
        {
            // VIES knows Greece as EL; accept the ISO code people often type.
            prefix = "EL";
            value = "EL" + value[2..];
        }
        if (!VatIdFormats.ByPrefix.TryGetValue(prefix, out var format))
        {
            return SyntaxCheckResult.Invalid(
                $"'{prefix}' is not a country prefix VIES covers; VAT identification numbers of EU member states and Northern "
                    + $"Ireland (XI) are supported."
            );
        }
        var national = value[2..];
        if (!format.Pattern.IsMatch(national))
        {
            return SyntaxCheckResult.Invalid(
                $"A {prefix} VAT identification number is '{prefix}' followed by {format.Description}; '{national}' is not."
            );
        }
        if (format.CheckDigit is { } check && !check(national))
        {
            return SyntaxCheckResult.Invalid($"The check digit of the {prefix} VAT identification number '{value}' is wrong.");
        }
        return SyntaxCheckResult.Valid(new RegistrationNumber(RegistrationNumberType.VatId, value, format.IsoCountryCode));
    }

    private static SyntaxCheckResult CheckLei(string raw)
    {
        var value = Compact(raw);
        if (!LeiPattern().IsMatch(value))
        {
            return SyntaxCheckResult.Invalid("An LEI code (ISO 17442) is 18 letters or digits followed by 2 check digits.");
        }
        if (!CheckDigits.IsValidMod97_10(value))
        {
            return SyntaxCheckResult.Invalid($"The check digits of the LEI code '{value}' are wrong (ISO 17442, ISO 7064 MOD 97-10).");
        }
        return SyntaxCheckResult.Valid(new RegistrationNumber(RegistrationNumberType.LeiCode, value, null));
    }

    private static SyntaxCheckResult CheckEori(string raw)
    {
        var value = Compact(raw);
        if (!EoriPattern().IsMatch(value))
        {
            return SyntaxCheckResult.Invalid("An EORI number is a two-letter country code followed by up to 15 letters or digits.");
        }
        var country = value[..2];
        if (!Countries.EuWithNorthernIreland.ContainsKey(country))
        {
            return SyntaxCheckResult.Invalid(
                $"'{country}' is not a country whose EORI numbers the EU EORI validation service covers (EU member states and XI)."
            );
        }
        return SyntaxCheckResult.Valid(new RegistrationNumber(RegistrationNumberType.Eori, value, country));
    }

    private static SyntaxCheckResult CheckEuid(string raw)
    {
        // BRIS: country code, business register identifier, '.', registration number. The number
        // part keeps its case (some registers use lower-case suffixes), so it is only trimmed.
        var value = raw.Trim();
        var match = EuidPattern().Match(value);
        if (!match.Success)
        {
            return SyntaxCheckResult.Invalid(
                "An EUID is a country code, the business register identifier, '.', and the registration number (e.g. DEK1101R.HRB116737)."
            );
        }
        var country = match.Groups["country"].Value.ToUpperInvariant();
        if (!Countries.Bris.Contains(country))
        {
            return SyntaxCheckResult.Invalid(
                $"'{country}' is not a country of the Business Registers Interconnection System (EU and EEA)."
            );
        }
        var normalised = country + match.Groups["register"].Value.ToUpperInvariant() + "." + match.Groups["number"].Value;
        return SyntaxCheckResult.Valid(new RegistrationNumber(RegistrationNumberType.Euid, normalised, country));
    }

    private static SyntaxCheckResult CheckFreeForm(RegistrationNumberType type, string raw)
    {
        var value = raw.Trim();
        if (!FreeFormPattern().IsMatch(value))
        {
            return SyntaxCheckResult.Invalid(
                $"A {Describe(type)} consists of letters, digits and the separators space, '-', '.', '/'; it starts and ends with a "
                    + $"letter or digit."
            );
        }
        return SyntaxCheckResult.Valid(new RegistrationNumber(type, value, null));
    }

    /// <summary>Removes the separators people type (spaces, dots, dashes) and upper-cases.</summary>
    private static string Compact(string raw)
    {
        var builder = new StringBuilder(raw.Length);
        foreach (var c in raw)
        {
            if (c is not (' ' or '.' or '-' or '\u00A0'))
            {
                builder.Append(char.ToUpperInvariant(c));
            }
        }
        return builder.ToString();
    }

    private static bool IsAsciiLetter(char c) => c is >= 'A' and <= 'Z';

    [GeneratedRegex("^[0-9A-Z]{18}[0-9]{2}$")]
    private static partial Regex LeiPattern();

    [GeneratedRegex("^[A-Z]{2}[0-9A-Z]{1,15}$")]
    private static partial Regex EoriPattern();

    [GeneratedRegex("^(?<country>[A-Za-z]{2})(?<register>[A-Za-z0-9]{1,13})\\.(?<number>[A-Za-z0-9][A-Za-z0-9/\\-]{0,49})$")]
    private static partial Regex EuidPattern();

    [GeneratedRegex("^[\\p{L}\\p{Nd}]([\\p{L}\\p{Nd} ./\\-]{0,98}[\\p{L}\\p{Nd}])?$")]
    private static partial Regex FreeFormPattern();
}
