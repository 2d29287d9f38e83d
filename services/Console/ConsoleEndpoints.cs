using GaiaX.Oid4vc.WebConsole.Security;

namespace GaiaX.Oid4vc.WebConsole;

public static class ConsoleEndpoints
{
    /// <summary>Security headers, the embedded assets, the session, and the pages.</summary>
    public static WebApplication MapConsole(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseConsoleSecurityHeaders();
        app.MapConsoleAssets();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapRazorPages();
        return app;
    }
}
