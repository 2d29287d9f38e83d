using System.Reflection;

namespace GaiaX.Oid4vc.WebConsole;

/// <summary>
/// The console's stylesheet and the vendored htmx, compiled into the assembly and served under <c>/assets/</c>, so the
/// console looks the same on its own, inside DevHost and in tests (no static web assets to copy along).
/// </summary>
public static class ConsoleAssets
{
    private static readonly Assembly Assembly = typeof(ConsoleAssets).Assembly;

    private static readonly Dictionary<string, string> MediaTypes = new(StringComparer.Ordinal)
    {
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".svg"] = "image/svg+xml",
    };

    public static IEndpointRouteBuilder MapConsoleAssets(this IEndpointRouteBuilder routes)
    {
        routes
            .MapGet("/assets/{**path}", (string path, HttpContext context) =>
            {
                var type = MediaTypes.GetValueOrDefault(Path.GetExtension(path));
                var stream = type is null ? null : Assembly.GetManifestResourceStream("assets/" + path);
                if (stream is null)
                {
                    return Results.NotFound();
                }
                context.Response.Headers.CacheControl = "public, max-age=3600";
                return Results.Stream(stream, type);
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
        return routes;
    }
}
