using System.Text.Encodings.Web;
using System.Text.Json;

namespace GaiaX.Oid4vc.ServiceDefaults;

/// <summary>
/// How response bodies are written. They are JSON read by programs, never inlined into HTML, so the
/// HTML-safe escaping of System.Text.Json (<c>'</c> as <c>\u0027</c>, <c>+</c> as <c>\u002B</c>) only
/// makes error descriptions and values harder to read: the relaxed encoder keeps them as written
/// (it still escapes what JSON requires: quotes, backslashes, control characters).
/// </summary>
public static class JsonBodies
{
    /// <summary>Web defaults (camelCase binding, case-insensitive reads) with the relaxed encoder.</summary>
    public static JsonSerializerOptions Options { get; } = Relaxed(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>Sets the relaxed encoder on <paramref name="options"/> and returns them.</summary>
    public static JsonSerializerOptions Relaxed(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        return options;
    }
}
