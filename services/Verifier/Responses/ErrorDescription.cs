using System.Text;

namespace GaiaX.Oid4vc.Verifier.Responses;

/// <summary>
/// Every <c>error_description</c> the Verifier sends passes here: RFC 6749 section 5.2 allows only
/// %x20-21 / %x23-5B / %x5D-7E. Descriptions quote wallet-chosen text (query ids, paths, DIDs), so
/// the rule is enforced where the error is written rather than trusted to each message.
/// </summary>
public static class ErrorDescription
{
    /// <summary>Long enough for every message of ours; a wallet cannot make an answer grow with its input.</summary>
    public const int MaxLength = 512;

    public static bool IsAllowed(char c) => c is (>= '\x20' and <= '\x21') or (>= '\x23' and <= '\x5B') or (>= '\x5D' and <= '\x7E');

    /// <summary>
    /// <paramref name="description"/> in the allowed characters: <c>"</c> becomes <c>'</c>,
    /// <c>\</c> becomes <c>/</c>, anything else outside the set <c>?</c>; cut at <see cref="MaxLength"/>.
    /// </summary>
    public static string Sanitize(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var text = description.Length > MaxLength ? description[..(MaxLength - 3)] + "..." : description;
        if (text.All(IsAllowed))
        {
            return text;
        }
        var clean = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            clean.Append(c switch
            {
                '"' => '\'',
                '\\' => '/',
                _ when IsAllowed(c) => c,
                _ => '?',
            });
        }
        return clean.ToString();
    }
}
