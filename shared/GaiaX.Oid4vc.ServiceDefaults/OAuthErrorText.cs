using System.Text;
using Microsoft.AspNetCore.Http;

namespace GaiaX.Oid4vc.ServiceDefaults;

/// <summary>
/// The OAuth 2.0 error object (RFC 6749 section 5.2) as every service writes it: the character set
/// <c>error_description</c> allows, and the response itself for shared code that answers a protocol
/// endpoint before (or instead of) the endpoint.
/// </summary>
public static class OAuthErrorText
{
    /// <summary>Long enough for every message of ours; a client cannot make an answer grow with its input.</summary>
    public const int MaxLength = 512;

    /// <summary>True when the character is in %x20-21 / %x23-5B / %x5D-7E.</summary>
    public static bool IsAllowed(char c) => c is >= ' ' and <= '~' and not '"' and not '\\';

    /// <summary>
    /// <paramref name="text"/> in the allowed characters: <c>"</c> becomes <c>'</c>, <c>\</c> becomes
    /// <c>/</c>, anything else outside the set <c>?</c>; cut at <see cref="MaxLength"/>. Descriptions
    /// quote client-chosen text (ids, paths, DIDs), so the rule is applied where the error is written.
    /// </summary>
    public static string Sanitize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxLength)
        {
            text = text[..(MaxLength - 3)] + "...";
        }
        if (text.All(IsAllowed))
        {
            return text;
        }
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(
                c switch
                {
                    '"' => '\'',
                    '\\' => '/',
                    _ when IsAllowed(c) => c,
                    _ => '?',
                }
            );
        }
        return builder.ToString();
    }

    /// <summary>
    /// Writes <c>{"error", "error_description"}</c> with <paramref name="status"/> and
    /// <c>Cache-Control: no-store</c>; a null description is left out. The one writer of the error object.
    /// </summary>
    public static Task WriteAsync(HttpResponse response, int status, string error, string? description, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.StatusCode = status;
        response.Headers.CacheControl = "no-store";
        var body = new Dictionary<string, string>(2) { ["error"] = error };
        if (description is not null)
        {
            body["error_description"] = Sanitize(description);
        }
        return response.WriteAsJsonAsync(body, JsonBodies.Options, contentType: "application/json", cancellationToken);
    }
}
