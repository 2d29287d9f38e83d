namespace GaiaX.Oid4vc.Credentials.RegistrationNumbers;

/// <summary>Check-digit algorithms used by registration numbers. Inputs are ASCII digits/letters.</summary>
internal static class CheckDigits
{
    /// <summary>ISO 7064 MOD 97-10 (ISO 17442 LEI, IBAN): letters count as 10–35; valid when the remainder is 1.</summary>
    public static bool IsValidMod97_10(ReadOnlySpan<char> value)
    {
        var remainder = 0;
        foreach (var c in value)
        {
            if (c is >= '0' and <= '9')
            {
                remainder = (remainder * 10 + (c - '0')) % 97;
            }
            else if (c is >= 'A' and <= 'Z')
            {
                remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
            }
            else
            {
                return false;
            }
        }
        return remainder == 1;
    }

    /// <summary>ISO 7064 MOD 11,10 (German USt-IdNr, Croatian OIB): valid when the running check ends at 1.</summary>
    public static bool IsValidMod11_10(ReadOnlySpan<char> digits)
    {
        var check = 5;
        foreach (var c in digits)
        {
            check = ((check == 0 ? 10 : check) * 2 % 11 + (c - '0')) % 10;
        }
        return check == 1;
    }

    /// <summary>The Luhn checksum (0 for a valid number whose last digit is the check digit).</summary>
    public static int LuhnChecksum(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        return sum % 10;
    }

    /// <summary>Weighted sum of the digits modulo <paramref name="modulus"/>.</summary>
    public static int WeightedSum(ReadOnlySpan<char> digits, ReadOnlySpan<int> weights, int modulus)
    {
        var sum = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += weights[i] * (digits[i] - '0');
        }
        return ((sum % modulus) + modulus) % modulus;
    }
}
