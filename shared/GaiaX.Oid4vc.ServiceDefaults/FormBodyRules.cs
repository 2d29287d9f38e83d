using Microsoft.Extensions.Primitives;

namespace GaiaX.Oid4vc.ServiceDefaults;

/// <summary>What no protocol form may carry, shared by <see cref="FormBodyGuardMiddleware"/> and endpoints that parse their own
/// body.</summary>
public static class FormBodyRules
{
    /// <summary>The most fields a form may have (ASP.NET Core's own form default).</summary>
    public const int MaxFields = 1024;

    /// <summary>The longest field name (ASP.NET Core's own form default).</summary>
    public const int MaxKeyLength = 2048;

    /// <summary>
    /// A description of the first field whose name or value holds a control character, or null.
    /// Tab, CR and LF stay allowed: a JSON-valued parameter (<c>authorization_details</c>,
    /// <c>wallet_metadata</c>, a pretty-printed response) may carry them as whitespace.
    /// </summary>
    public static string? FindControlCharacter(IEnumerable<KeyValuePair<string, StringValues>> form)
    {
        ArgumentNullException.ThrowIfNull(form);
        foreach (var (key, values) in form)
        {
            if (HasControlCharacter(key))
            {
                return "A form field name contains a control character.";
            }
            foreach (var value in values)
            {
                if (value is not null && HasControlCharacter(value))
                {
                    return $"The form field '{(key.Length > 64 ? string.Concat(key.AsSpan(0, 64), "...") : key)}' contains a "
                        + $"control character.";
                }
            }
        }
        return null;
    }

    private static bool HasControlCharacter(string value)
    {
        foreach (var c in value)
        {
            if ((c < 0x20 && c is not '\t' and not '\r' and not '\n') || c == 0x7F)
            {
                return true;
            }
        }
        return false;
    }
}
