using System.Text;

namespace GaiaX.Oid4vc.ServiceDefaults;

/// <summary>The character set RFC 6749 section 5.2 allows in <c>error_description</c>.</summary>
public static class OAuthErrorText
{
    /// <summary>True when every character is in %x20-21 / %x23-5B / %x5D-7E.</summary>
    public static bool IsAllowed(char c) => c is >= ' ' and <= '~' and not '"' and not '\\';

    /// <summary>
    /// <paramref name="text"/> with <c>"</c> turned into <c>'</c>, and every other character outside the
    /// allowed set (a backslash, a control character, non-ASCII) into <c>?</c>.
    /// </summary>
    public static string Sanitize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.All(IsAllowed))
        {
            return text;
        }
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(IsAllowed(c) ? c : c == '"' ? '\'' : '?');
        }
        return builder.ToString();
    }
}
