using GaiaX.Oid4vc.Testing;
using PuppeteerSharp;

namespace GaiaX.Oid4vc.WebConsole.Tests;

/// <summary>Screenshots of the console's pages, kept as test artefacts in <c>TestResults/console-screenshots</c>.</summary>
public static class Screenshots
{
    public static string Folder { get; } = Path.Combine(RepositoryPaths.Root, "TestResults", "console-screenshots");

    public static async Task<string> SaveAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, name + ".png");
        await page.ScreenshotAsync(path, new ScreenshotOptions { FullPage = true });
        return path;
    }
}
