using System.Text.Json;

namespace GaiaX.Oid4vc.ServiceDefaults;

/// <summary>
/// The one way the services read JSON a client sent: a request body, or JSON text carried inside
/// one (a form parameter, a decrypted payload). The parser checks syntax and depth only: a
/// string holding bytes that are not UTF-8, or an escaped lone surrogate (<c>\udc00</c>), parses and
/// then throws when it is read, and a repeated member silently wins over the first. Both are the
/// client's mistake, so they are found here, while parsing, and never surface later as a 500.
/// </summary>
public static class JsonRequestBody
{
    /// <summary>Client JSON nests no deeper than this; the protocols need a handful of levels.</summary>
    public const int MaxDepth = 32;

    public static JsonDocumentOptions DocumentOptions { get; } = new() { MaxDepth = MaxDepth, AllowDuplicateProperties = false };

    /// <summary>Whether <paramref name="contentType"/> names JSON (<c>application/json</c>, parameters allowed).</summary>
    public static bool IsJson(string? contentType) =>
        contentType is not null && contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Parses <paramref name="body"/>: the document, or the reason it is not acceptable JSON
    /// (malformed, too deep, a repeated member, text that is not Unicode).
    /// </summary>
    public static async Task<(JsonDocument? Document, string? Problem)> ParseAsync(Stream body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(body, DocumentOptions, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            return (null, Describe("the request body", ex));
        }
        catch (InvalidOperationException)
        {
            // The duplicate-member check reads every member name: one that is not Unicode text throws there.
            return (null, "the request body holds a string that is not valid Unicode text (invalid UTF-8 or a lone surrogate)");
        }
        if (!IsText(document.RootElement))
        {
            document.Dispose();
            return (null, "the request body holds a string that is not valid Unicode text (invalid UTF-8 or a lone surrogate)");
        }
        return (document, null);
    }

    /// <summary>
    /// Parses JSON text carried inside a request (UTF-8 bytes, e.g. a decrypted payload), with the same
    /// rules and answers as <see cref="ParseAsync"/>.
    /// </summary>
    public static (JsonDocument? Document, string? Problem) Parse(ReadOnlyMemory<byte> utf8)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, DocumentOptions);
        }
        catch (JsonException ex)
        {
            return (null, Problem(ex));
        }
        catch (InvalidOperationException)
        {
            // The duplicate-member check reads every member name: one that is not Unicode text throws there.
            return (null, NotText);
        }
        return Checked(document);
    }

    /// <summary>
    /// Parses JSON text carried inside a request as a string (e.g. a form parameter), with the same
    /// rules and answers as <see cref="ParseAsync"/>.
    /// </summary>
    public static (JsonDocument? Document, string? Problem) Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, DocumentOptions);
        }
        catch (JsonException ex)
        {
            return (null, Problem(ex));
        }
        catch (InvalidOperationException)
        {
            // The duplicate-member check reads every member name: one that is not Unicode text throws there.
            return (null, NotText);
        }
        catch (ArgumentException)
        {
            // A lone surrogate char cannot be transcoded to UTF-8.
            return (null, NotText);
        }
        return Checked(document);
    }

    private const string NotText = "the JSON holds a string that is not valid Unicode text (invalid UTF-8 or a lone surrogate)";

    private static string Problem(JsonException ex) => Describe("the JSON", ex);

    /// <summary>
    /// What is wrong and where, so a client can find the mistake: the parser's reason without its
    /// own position suffix, then the line and byte (both counted from 1) where it stopped.
    /// </summary>
    private static string Describe(string what, JsonException ex)
    {
        var duplicate = ex.Message.Contains("duplicate", StringComparison.OrdinalIgnoreCase);
        var reason = ex.Message;
        foreach (var marker in new[] { " Path:", " LineNumber:" })
        {
            var cut = reason.IndexOf(marker, StringComparison.Ordinal);
            if (cut > 0)
            {
                reason = reason[..cut];
            }
        }
        var where =
            ex.LineNumber is { } line && ex.BytePositionInLine is { } position ? $" at line {line + 1}, byte {position + 1}" : string.Empty;
        return (duplicate ? $"{what} repeats a member" : $"{what} is not valid JSON") + where + ": " + reason.TrimEnd('.') + ".";
    }

    private static (JsonDocument? Document, string? Problem) Checked(JsonDocument document)
    {
        if (!IsText(document.RootElement))
        {
            document.Dispose();
            return (null, NotText);
        }
        return (document, null);
    }

    /// <summary>Whether every member name and string in <paramref name="element"/> decodes to Unicode text.</summary>
    public static bool IsText(JsonElement element)
    {
        try
        {
            Visit(element);
            return true;
        }
        catch (InvalidOperationException)
        {
            // Thrown by the reader when it transcodes invalid UTF-8 or an escaped lone surrogate.
            return false;
        }
    }

    private static void Visit(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var member in element.EnumerateObject())
                {
                    _ = member.Name;
                    Visit(member.Value);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Visit(item);
                }
                break;
            case JsonValueKind.String:
                _ = element.GetString();
                break;
        }
    }
}
