using PuppeteerSharp;

namespace GaiaX.Oid4vc.WebConsole.Tests;

/// <summary>A browser tab in a context of its own (its own cookies), closed with the context.</summary>
public sealed class BrowserSession(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IPage Page => page;

    /// <summary>What the page logged that the Content-Security-Policy blocked.</summary>
    public List<string> Violations { get; } = [];

    public async ValueTask DisposeAsync() => await context.CloseAsync();
}
