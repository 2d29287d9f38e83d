namespace GaiaX.Oid4vc.WebConsole.Security;

/// <summary>
/// The headers every console response carries: a strict Content-Security-Policy (scripts, styles and everything else from
/// the console itself, images also as <c>data:</c> for QR codes, no framing, forms only to the console), no MIME sniffing,
/// no referrer, and no caching of pages that show what the services answered.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'";

    public static IApplicationBuilder UseConsoleSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(
            (context, next) =>
            {
                context.Response.OnStarting(() =>
                {
                    var headers = context.Response.Headers;
                    headers.ContentSecurityPolicy = ContentSecurityPolicy;
                    headers.XContentTypeOptions = "nosniff";
                    headers.XFrameOptions = "DENY";
                    headers["Referrer-Policy"] = "no-referrer";
                    headers["Cross-Origin-Opener-Policy"] = "same-origin";
                    headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                    if (!context.Request.Path.StartsWithSegments("/assets"))
                    {
                        headers.CacheControl = "no-store";
                    }
                    return Task.CompletedTask;
                });
                return next(context);
            }
        );
}
